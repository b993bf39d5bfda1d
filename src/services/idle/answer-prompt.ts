import type { AuditAction } from '../../domain/audit.js';
import { type AnswerableState, isAnswerableState } from '../../domain/episode-transition.js';
import type { AppError } from '../../domain/errors.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import {
  KEEP_UNTIL_HOUR,
  KEEP_UNTIL_MINUTE,
  type KeepRequest,
  keepUntil,
  nextKeepMorning,
} from '../../domain/keep-until.js';
import { decide } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { OutgoingMessage } from '../ports.js';
import { endEpisode } from './end-episode.js';
import { episodeEvidence } from './episode-evidence.js';
import { auditIdle, episodeTimeZone, type IdleContext, updateEpisodeMessages } from './idle-context.js';
import { podKeeps } from './pod-keeps.js';
import { beingStoppedError } from './refusal.js';
import { stopEpisode } from './stop-episode.js';

/** The buttons of an idle prompt. */
export type IdleChoice = 'stop_now' | 'keep_1h' | 'keep_4h' | 'keep_until' | 'claim';

export type AnswerInput = { actor: string; episodeId: string; choice: IdleChoice };

export type AnswerOutcome = {
  podId: string;
  podName: string;
  choice: IdleChoice;
  /** What the prompt shows now. */
  message: OutgoingMessage;
  /** The copies of the prompt already updated in place. */
  updated: { channel: string; ts: string }[];
  /** For keeps: until when, and whether it was cut to IDLE_MAX_KEEP. */
  until: Date | null;
  capped: boolean;
};

const HOUR = 3_600_000;

const KEEPS: Record<'keep_1h' | 'keep_4h' | 'keep_until', KeepRequest> = {
  keep_1h: { kind: 'for', ms: HOUR },
  keep_4h: { kind: 'for', ms: 4 * HOUR },
  keep_until: { kind: 'until', hour: KEEP_UNTIL_HOUR, minute: KEEP_UNTIL_MINUTE },
};

const AUDIT_ACTION: Record<IdleChoice, AuditAction> = {
  stop_now: 'stop',
  keep_1h: 'keep',
  keep_4h: 'keep',
  keep_until: 'keep',
  claim: 'claim',
};

const LABEL: Record<IdleChoice, string> = {
  stop_now: 'Stop now',
  keep_1h: 'Keep 1 h',
  keep_4h: 'Keep 4 h',
  keep_until: 'Keep until 09:00',
  claim: 'Claim',
};

/**
 * A button pressed on an idle prompt. The episode id comes from the button and proves nothing:
 * the episode, the pod's owner and the clicker's rights are read again, and the episode's state
 * moves only by compare-and-set, so a second click or a click after the deadline does nothing.
 */
export async function answerPrompt(
  ctx: IdleContext,
  input: AnswerInput,
): Promise<Result<AnswerOutcome, AppError>> {
  const episode = await ctx.store.getEpisode(input.episodeId);
  if (!episode) return err({ kind: 'not_decidable', reason: 'closed' });
  const audit = (outcome: 'ok' | 'refused', detail: string) =>
    auditIdle(ctx, {
      actor: input.actor,
      podId: episode.podId,
      podName: episode.podName,
      action: AUDIT_ACTION[input.choice],
      outcome,
      reason: `idle prompt: ${LABEL[input.choice]}`,
      detail,
    });

  const ownerId = await ctx.store.getOwner(episode.podId);
  const decision = decide('idle_answer', input.actor, ownerId, ctx.settings);
  if (!decision.allowed) {
    await audit('refused', decision.refusal === 'read_only' ? 'read-only user' : 'not the owner or an admin');
    return err({
      kind: 'not_decidable',
      reason: decision.refusal === 'read_only' ? 'read_only' : 'not_owner',
    });
  }
  if (!isAnswerableState(episode.state)) {
    await audit('refused', `prompt already closed (${episode.state})`);
    return err({ kind: 'not_decidable', reason: 'closed' });
  }
  const closed = async () => {
    await audit('refused', 'prompt closed meanwhile');
    return err<AppError>({ kind: 'not_decidable', reason: 'closed' });
  };
  const pod = { id: episode.podId, name: episode.podName };
  const beingStopped = async () => {
    await audit('refused', 'podwarden is stopping the pod');
    return err(beingStoppedError(pod, input.choice === 'stop_now' ? 'stop' : 'keep'));
  };

  // An old prompt waiting after its deadline (escalated / dry_run_done) may have a newer episode
  // for the same pod: once it falls outside the 7-day lookback, a pod that stayed idle is prompted
  // again. Only one episode per pod may be open or stopping, so moving the old one would break the
  // store's unique index. The answer goes to the newer episode instead: it is about the same pod,
  // its evidence is current, and the clicker asked for exactly that (stop or keep this pod), so
  // refusing as "out of date" would only make them hunt for the other prompt. The clicked prompt
  // shows the outcome too (the Slack handler replaces it). If the newer one is already being
  // stopped, there is nothing left to decide.
  let target: IdleEpisode & { state: AnswerableState } = { ...episode, state: episode.state };
  if (episode.state !== 'open' && input.choice !== 'claim') {
    const active = await ctx.store.getActiveEpisode(episode.podId);
    if (active && active.id !== episode.id) {
      if (!isAnswerableState(active.state)) return beingStopped();
      target = { ...active, state: active.state };
    }
  }

  if (input.choice === 'stop_now') {
    const stopped = await stopEpisode(ctx, {
      episode: target,
      by: input.actor,
      evidence: episodeEvidence(target),
    });
    if (stopped.kind === 'lost') return closed();
    if (stopped.kind === 'failed') return err(stopped.error);
    return ok({ ...base(target, input.choice), message: stopped.message, updated: stopped.updated });
  }

  if (input.choice === 'claim') {
    if (ownerId !== null) {
      await audit('refused', `already owned by ${ownerId}`);
      return err({ kind: 'already_owned', pod, ownerId });
    }
    if (!(await ctx.store.claimOwner(episode.podId, input.actor, ctx.clock.now()))) {
      const owner = (await ctx.store.getOwner(episode.podId)) ?? 'someone else';
      await audit('refused', `already owned by ${owner}`);
      return err({ kind: 'already_owned', pod, ownerId: owner });
    }
    await audit('ok', 'claimed from the idle prompt');
    const message = await claimedPrompt(ctx, episode, input.actor);
    const updated = await updateEpisodeMessages(ctx, episode, message);
    return ok({ ...base(episode, input.choice), message, updated });
  }

  const now = ctx.clock.now();
  const timeZone = await episodeTimeZone(ctx, target);
  const unbounded = decide('keep_long', input.actor, ownerId, ctx.settings).allowed;
  const keep = keepUntil(KEEPS[input.choice], now, timeZone, unbounded ? null : ctx.settings.idleMaxKeepMs);
  // Compare-and-set first (→ kept), the keep row only when it won: a click that lost to a stop
  // must neither say "kept" nor leave a keep that would silence the prompt after a resume.
  const ended = await endEpisode(ctx, target, { outcome: 'kept', by: input.actor, until: keep.until });
  if (!ended) {
    const current = await ctx.store.getEpisode(target.id);
    return current?.state === 'stopping' || current?.state === 'stopped' ? beingStopped() : closed();
  }
  await ctx.store.setKeep({
    podId: target.podId,
    until: keep.until,
    by: input.actor,
    reason: `idle prompt: ${LABEL[input.choice]}`,
    at: now,
  });
  await audit('ok', `kept until ${keep.until.toISOString()}${keep.capped ? ' (cut to IDLE_MAX_KEEP)' : ''}`);
  return ok({
    ...base(target, input.choice),
    message: ended.message,
    updated: ended.updated,
    until: keep.until,
    capped: keep.capped,
  });
}

const base = (episode: IdleEpisode, choice: IdleChoice) => ({
  podId: episode.podId,
  podName: episode.podName,
  choice,
  until: null,
  capped: false,
});

/** The prompt again, now naming the claimer as owner, with the owner's buttons. */
async function claimedPrompt(
  ctx: IdleContext,
  episode: IdleEpisode,
  claimer: string,
): Promise<OutgoingMessage> {
  const now = ctx.clock.now();
  const timeZone = await episodeTimeZone(ctx, episode);
  return ctx.messages.prompt({
    episodeId: episode.id,
    podId: episode.podId,
    podName: episode.podName,
    // Episodes with nobody to ask are never opened; a claim happens on a channel or admin prompt.
    audience: episode.audience === 'none' ? 'channel' : episode.audience,
    ownerId: claimer,
    claimedBy: claimer,
    action: episode.action,
    evidence: episodeEvidence(episode),
    deadlineAt: episode.deadlineAt,
    keepMorningAt: nextKeepMorning(now, timeZone),
    timeZone,
    now,
    keeps: await podKeeps(ctx, episode.podId, now),
  });
}
