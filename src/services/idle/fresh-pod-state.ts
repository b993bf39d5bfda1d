import { isActiveEpisodeState } from '../../domain/episode-transition.js';
import type { Pod } from '../../domain/pod.js';
import type { IdleContext } from './idle-context.js';

/**
 * Before a new idle stretch is opened: is the pod list this sweep works from newer than the pod's
 * latest episode change? A list read before another replica (or a Stop now click) closed the last
 * stretch still shows the pod running; acting on it would prompt again about a pod already stopped.
 * So the pod's latest episode is read first, and when there is one the pod is read again from
 * RunPod, after it: only a pod still running then may be prompted. (A pod resumed since is judged
 * by its samples as usual: the stopped stretch in its window keeps it from counting as idle.)
 */
export async function podStateIsFresh(ctx: IdleContext, pod: Pod): Promise<boolean> {
  const latest = await ctx.store.getLatestEpisode(pod.id);
  if (latest === null) return true;
  if (isActiveEpisodeState(latest.state)) return false;
  const now = await ctx.gateway.getPod(pod.id);
  if (now !== null && now.status === 'RUNNING') return true;
  ctx.logger.info(
    { pod: pod.id, episode: latest.id },
    'pod list older than the last idle episode; no prompt',
  );
  return false;
}
