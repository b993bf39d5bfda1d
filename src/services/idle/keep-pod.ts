import { isAnswerableState } from '../../domain/episode-transition.js';
import type { AppError, PodCandidate } from '../../domain/errors.js';
import { type KeepRequest, keepUntil } from '../../domain/keep-until.js';
import { decide } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../lib/result.js';
import { endEpisode } from './end-episode.js';
import { auditIdle, type IdleContext, readerTimeZone } from './idle-context.js';
import { answerableEpisode, findPod } from './idle-lookups.js';
import { beingStoppedError, refusalError } from './refusal.js';

export type KeepOutcome = {
  pod: PodCandidate;
  until: Date;
  requestedUntil: Date;
  capped: boolean;
  /** The zone `until` should be shown in: the asker's. */
  timeZone: string;
};

/**
 * `/pod keep <pod> <duration|until HH:MM> [reason]`: no idle prompt or stop for the pod until then.
 * Members' keeps are cut to IDLE_MAX_KEEP; admins' are not. An open prompt is updated to say so;
 * while podwarden is stopping the pod, nothing is kept and the user is told so.
 */
export async function keepPod(
  ctx: IdleContext,
  input: { actor: string; ref: string; request: KeepRequest; reason: string | null },
): Promise<Result<KeepOutcome, AppError>> {
  const found = await findPod(ctx, input.ref);
  if (!found.ok) return found;
  const pod = found.value;
  const ownerId = await ctx.store.getOwner(pod.id);
  const decision = decide('keep', input.actor, ownerId, ctx.settings);
  if (!decision.allowed) {
    await auditIdle(ctx, {
      actor: input.actor,
      podId: pod.id,
      podName: pod.name,
      action: 'keep',
      outcome: 'refused',
      reason: input.reason,
      detail: decision.refusal,
    });
    return err(refusalError(decision, 'keep', pod, ownerId));
  }

  const now = ctx.clock.now();
  const timeZone = await readerTimeZone(ctx, input.actor);
  const unbounded = decide('keep_long', input.actor, ownerId, ctx.settings).allowed;
  const keep = keepUntil(input.request, now, timeZone, unbounded ? null : ctx.settings.idleMaxKeepMs);
  const beingStopped = async () => {
    await auditIdle(ctx, {
      actor: input.actor,
      podId: pod.id,
      podName: pod.name,
      action: 'keep',
      outcome: 'refused',
      reason: input.reason,
      detail: 'podwarden is stopping the pod',
    });
    return err(beingStoppedError(pod, 'keep'));
  };

  // The prompt is closed (open → kept) BEFORE the keep is written: a keep must never be reported,
  // nor left behind, while the pod is being stopped.
  const active = await ctx.store.getActiveEpisode(pod.id);
  if (active && !isAnswerableState(active.state)) return beingStopped();
  const episode = active ?? (await answerableEpisode(ctx, pod.id));
  if (episode) {
    const ended = await endEpisode(ctx, episode, { outcome: 'kept', by: input.actor, until: keep.until });
    if (!ended) {
      // Lost the compare-and-set. A stop that won means no keep; a prompt closed for any other
      // reason (busy again, kept by someone else) leaves nothing to stop, so the keep still holds.
      const current = await ctx.store.getEpisode(episode.id);
      if (!current || current.state === 'stopping' || current.state === 'stopped') return beingStopped();
    }
  }
  await ctx.store.setKeep({
    podId: pod.id,
    until: keep.until,
    by: input.actor,
    reason: input.reason,
    at: now,
  });
  await auditIdle(ctx, {
    actor: input.actor,
    podId: pod.id,
    podName: pod.name,
    action: 'keep',
    outcome: 'ok',
    reason: input.reason,
    detail: `kept until ${keep.until.toISOString()}${keep.capped ? ' (cut to IDLE_MAX_KEEP)' : ''}`,
  });
  return ok({ pod, until: keep.until, requestedUntil: keep.requestedUntil, capped: keep.capped, timeZone });
}
