import { PODWARDEN_ACTOR } from '../../domain/audit.js';
import { type AnswerableState, episodeTransition } from '../../domain/episode-transition.js';
import { type AppError, RunpodError, type RunpodErrorKind } from '../../domain/errors.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import type { IdleEvidence } from '../../domain/idle-evidence.js';
import { newReference } from '../pods/run-guarded.js';
import { describeFailure, runMutation } from '../pods/run-mutation.js';
import type { OutgoingMessage } from '../ports.js';
import {
  auditIdle,
  episodeTimeZone,
  type IdleContext,
  postInThreads,
  updateEpisodeMessages,
} from './idle-context.js';

type Place = { channel: string; ts: string };

export type StopEpisodeResult =
  | { kind: 'stopped'; episode: IdleEpisode; message: OutgoingMessage; updated: Place[] }
  /** Someone else claimed or ended the episode first: nothing was sent to RunPod. */
  | { kind: 'lost' }
  | { kind: 'failed'; error: AppError };

/**
 * Stops the pod of an episode exactly once: claims `→ stopping` by compare-and-set before calling
 * RunPod, then `stopping → stopped`; when RunPod fails, back to where it was (a deadline stop is
 * then retried on the next poll, and the owner is told once in the thread).
 */
export async function stopEpisode(
  ctx: IdleContext,
  input: {
    episode: IdleEpisode & { state: AnswerableState };
    /** The user who pressed Stop now, or null for podwarden at the deadline. */
    by: string | null;
    evidence: IdleEvidence | null;
  },
): Promise<StopEpisodeResult> {
  const { episode, by } = input;
  const atDeadline = by === null;
  const claim = episodeTransition({ type: atDeadline ? 'deadline_stop' : 'answer_stop' });
  const claimedAt = ctx.clock.now();
  const claimed = await ctx.store.transitionEpisode(episode.id, claim.from, claim.to, {
    decidedBy: by ?? PODWARDEN_ACTOR,
    decidedAt: claimedAt,
    updatedAt: claimedAt,
  });
  if (!claimed) return { kind: 'lost' };
  const log = ctx.logger.child({ episode: episode.id, pod: episode.podId, action: 'idle_stop' });

  const outcome = await runMutation(
    ctx,
    episode.podId,
    () => ctx.gateway.stopPod(episode.podId),
    (pod) => pod?.status === 'EXITED',
  );
  const now = ctx.clock.now();
  const evidenceJson = JSON.stringify(input.evidence ?? null);
  const auditBase = {
    actor: by ?? PODWARDEN_ACTOR,
    podId: episode.podId,
    podName: episode.podName,
    action: atDeadline ? ('idle_stop' as const) : ('stop' as const),
    reason: atDeadline ? 'idle: no answer by the deadline' : 'idle prompt: Stop now',
    evidence: evidenceJson,
  };

  if (!outcome.ok) {
    const back = episodeTransition({ type: 'stop_failed', back: episode.state });
    await ctx.store.transitionEpisode(episode.id, back.from, back.to, {
      stopAttempts: episode.stopAttempts + (atDeadline ? 1 : 0),
      decidedBy: null,
      decidedAt: null,
      updatedAt: now,
    });
    await auditIdle(ctx, { ...auditBase, outcome: 'failed', detail: describeFailure(outcome.error) });
    const error = toAppError(outcome.error);
    if (error.kind === 'unexpected') {
      log.error({ reference: error.reference, err: outcome.error }, 'idle stop failed unexpectedly');
    } else {
      log.warn({ kind: error.kind, attempts: episode.stopAttempts + 1 }, 'idle stop failed; will retry');
    }
    if (atDeadline && episode.stopAttempts === 0) {
      const timeZone = await episodeTimeZone(ctx, episode);
      await postInThreads(
        ctx,
        episode,
        ctx.messages.stopFailed({
          podId: episode.podId,
          podName: episode.podName,
          detail:
            error.kind === 'unexpected' ? `unexpected error (reference ${error.reference})` : error.detail,
          deadlineAt: episode.deadlineAt,
          timeZone,
          now,
        }),
      );
    }
    return { kind: 'failed', error };
  }

  const done = await ctx.store.transitionEpisode(episode.id, ['stopping'], 'stopped', { updatedAt: now });
  await auditIdle(ctx, {
    ...auditBase,
    outcome: 'ok',
    detail: outcome.recoveredFrom
      ? `RunPod answered ${describeFailure(outcome.recoveredFrom)}, yet the pod stopped`
      : 'RunPod stopped the pod',
  });
  await recordSaving(ctx, episode, now);
  log.info({ by: by ?? PODWARDEN_ACTOR }, 'idle pod stopped');

  const timeZone = await episodeTimeZone(ctx, episode);
  const message = ctx.messages.outcome({
    outcome: 'stopped',
    podId: episode.podId,
    podName: episode.podName,
    by,
    at: now,
    until: null,
    escalatedTo: null,
    evidence: input.evidence,
    timeZone,
    now,
  });
  const current = done ?? claimed;
  const updated = await updateEpisodeMessages(ctx, current, message);
  return { kind: 'stopped', episode: current, message, updated };
}

async function recordSaving(ctx: IdleContext, episode: IdleEpisode, at: Date): Promise<void> {
  try {
    await ctx.store.recordSaving({
      podId: episode.podId,
      podName: episode.podName,
      stoppedAt: at,
      costPerHr: episode.costPerHr,
      ownerId: (await ctx.store.getOwner(episode.podId)) ?? episode.ownerId,
      resumedAt: null,
    });
  } catch (error) {
    ctx.logger.error({ pod: episode.podId, err: error }, 'could not record the saving of an idle stop');
  }
}

type StopError = Extract<AppError, { kind: RunpodErrorKind }> | Extract<AppError, { kind: 'unexpected' }>;

function toAppError(error: unknown): StopError {
  if (error instanceof RunpodError) return { kind: error.kind, detail: error.detail };
  return { kind: 'unexpected', reference: newReference() };
}
