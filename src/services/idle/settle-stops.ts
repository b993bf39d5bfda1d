/**
 * Stops claimed (`stopping`) whose outcome was never written: the process that claimed them died
 * between the claim and RunPod's answer, or between RunPod's answer and our write. They are
 * settled by what RunPod shows now. At start every such claim is settled at once when the pod is
 * seen stopped (RunPod carried the stop out: the prompt says so and the stop is audited); a pod
 * still running goes back to `open` only when the claim is older than any stop call can take, so
 * a stop still in flight on another replica is never repeated. The sweep settles the rest once a
 * claim is STALE_STOP_MS old.
 */
import { PODWARDEN_ACTOR } from '../../domain/audit.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import type { Pod } from '../../domain/pod.js';
import { episodeEvidence } from './episode-evidence.js';
import { auditIdle, episodeTimeZone, type IdleContext, updateEpisodeMessages } from './idle-context.js';

/** Longer than a stop call with its retries can take: a claim this old has no call in flight. */
export const STOP_CALL_BUDGET_MS = 2 * 60_000;

/**
 * Settles one stopping episode by the pod as RunPod shows it: stopped → `stopped` (audited, the
 * prompt updated); running and claimed at least `runningAfterMs` ago → back to `open`, so the
 * deadline or an answer stops it again. True when the episode moved.
 */
export async function settleStop(
  ctx: IdleContext,
  episode: IdleEpisode,
  pod: Pod | null,
  runningAfterMs: number,
): Promise<boolean> {
  const now = ctx.clock.now();
  const stopped = pod === null || pod.status !== 'RUNNING';
  if (!stopped && now.getTime() - episode.updatedAt.getTime() < runningAfterMs) return false;
  const moved = stopped
    ? await ctx.store.transitionEpisode(episode.id, ['stopping'], 'stopped', { updatedAt: now })
    : await ctx.store.transitionEpisode(episode.id, ['stopping'], 'open', {
        stopAttempts: episode.stopAttempts + 1,
        decidedBy: null,
        decidedAt: null,
        updatedAt: now,
      });
  if (!moved) return false;
  ctx.logger.warn(
    { episode: episode.id, pod: episode.podId, stopped },
    'settled an idle stop left in flight',
  );
  if (!stopped) return true;
  const byPodwarden = episode.decidedBy === null || episode.decidedBy === PODWARDEN_ACTOR;
  await auditIdle(ctx, {
    actor: episode.decidedBy ?? PODWARDEN_ACTOR,
    podId: episode.podId,
    podName: episode.podName,
    action: byPodwarden ? 'idle_stop' : 'stop',
    outcome: 'ok',
    reason: byPodwarden ? 'idle: no answer by the deadline' : 'idle prompt: Stop now',
    detail: 'the stop was in flight when podwarden restarted; RunPod shows the pod stopped',
    evidence: episode.evidence,
  });
  const message = ctx.messages.outcome({
    outcome: 'stopped',
    podId: episode.podId,
    podName: episode.podName,
    by: byPodwarden ? null : episode.decidedBy,
    at: episode.decidedAt ?? now,
    until: null,
    escalatedTo: null,
    evidence: episodeEvidence(episode),
    timeZone: await episodeTimeZone(ctx, episode),
    now,
  });
  await updateEpisodeMessages(ctx, moved, message);
  return true;
}

/** At start: every stop left in flight, settled by reading its pod again. Returns how many moved. */
export async function settleStopsInFlight(ctx: IdleContext): Promise<number> {
  const stopping = (await ctx.store.listActiveEpisodes()).filter((e) => e.state === 'stopping');
  let settled = 0;
  for (const episode of stopping) {
    try {
      const pod = await ctx.gateway.getPod(episode.podId);
      if (await settleStop(ctx, episode, pod, STOP_CALL_BUDGET_MS)) settled++;
    } catch (error) {
      ctx.logger.warn(
        { episode: episode.id, err: error },
        'could not settle an idle stop at start; the sweep will',
      );
    }
  }
  return settled;
}
