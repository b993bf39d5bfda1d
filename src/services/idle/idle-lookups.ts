import { isAnswerableState } from '../../domain/episode-transition.js';
import type { AppError, PodCandidate } from '../../domain/errors.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import { resolvePodRef } from '../../domain/pod-ref.js';
import { ok, type Result } from '../../lib/result.js';
import { type EndReason, endEpisode } from './end-episode.js';
import type { IdleContext } from './idle-context.js';

const EPISODE_LOOKBACK_MS = 7 * 86_400_000;

/** Finds a pod by id or name among RunPod's pods; ambiguous and unknown references are errors. */
export async function findPod(ctx: IdleContext, ref: string): Promise<Result<PodCandidate, AppError>> {
  const pods = await ctx.gateway.listPods();
  const found = resolvePodRef(pods, ref);
  return found.ok ? ok({ id: found.value.id, name: found.value.name }) : found;
}

/** The episode a keep or an exemption ends: the active one, or one waiting after its deadline. */
export async function answerableEpisode(ctx: IdleContext, podId: string): Promise<IdleEpisode | null> {
  const active = await ctx.store.getActiveEpisode(podId);
  if (active) return isAnswerableState(active.state) ? active : null;
  const since = new Date(ctx.clock.now().getTime() - EPISODE_LOOKBACK_MS);
  const [newest] = await ctx.store.listPodEpisodesSince(podId, since);
  return newest && isAnswerableState(newest.state) ? newest : null;
}

export async function endAnswerableEpisode(ctx: IdleContext, podId: string, reason: EndReason) {
  const episode = await answerableEpisode(ctx, podId);
  return episode ? await endEpisode(ctx, episode, reason) : null;
}
