/**
 * Exactly one escalation per episode in IDLE_CHANNEL, even when the channel refuses it at first.
 * Its outbox row is committed before the post, with the message as posted; the post carries
 * message metadata naming the episode and is never retried blindly (Notifier.postOnce). A refusal
 * (removed, private, archived) or a channel podwarden cannot see leaves the row `unsent`: while the
 * episode stays escalated, a later sweep posts it there once podwarden is invited back. A lost
 * answer leaves it `pending`, and the sweep looks for it in the channel (or the prompt's thread)
 * before it ever posts again.
 */
import { ESCALATION_EVENT_TYPE, type EscalationOutboxEntry } from '../../domain/escalation-outbox.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import type { PostOutcome } from '../../domain/prompt-outbox.js';
import type { MessageMetadata, OutgoingMessage } from '../ports.js';
import type { IdleContext } from './idle-context.js';

/** A pending row younger than this may still have its post in flight; only older ones are looked for. */
export const ESCALATION_SETTLE_AFTER_MS = 5 * 60_000;
/** A refused escalation is tried again in its channel at most this often. */
export const ESCALATION_RETRY_EVERY_MS = 10 * 60_000;

export const escalationMetadata = (episodeId: string, channel: string): MessageMetadata => ({
  eventType: ESCALATION_EVENT_TYPE,
  payload: { episode: episodeId, channel },
});

async function postRecorded(
  ctx: IdleContext,
  episodeId: string,
  channel: string,
  message: OutgoingMessage,
): Promise<PostOutcome> {
  const outcome = await ctx.notifier.postOnce(channel, {
    ...message,
    metadata: escalationMetadata(episodeId, channel),
  });
  const now = ctx.clock.now();
  if (outcome.kind === 'posted') {
    await ctx.store.settleEscalationOutbox(episodeId, { state: 'posted', ...outcome }, now);
  } else if (outcome.kind === 'not_sent') {
    await ctx.store.settleEscalationOutbox(episodeId, { state: 'unsent' }, now);
  } else {
    ctx.logger.warn(
      { episode: episodeId, reason: outcome.reason },
      'escalation outcome unknown; will look for it',
    );
  }
  return outcome;
}

/** Records the escalation for the channel, then posts it once. */
export async function sendEscalation(
  ctx: IdleContext,
  episodeId: string,
  channel: string,
  message: OutgoingMessage,
): Promise<PostOutcome> {
  const at = ctx.clock.now();
  await ctx.store.addEscalationOutbox({
    episodeId,
    channel,
    message: JSON.stringify(message),
    state: 'pending',
    at,
  });
  return await postRecorded(ctx, episodeId, channel, message);
}

/** The channel cannot take it now (private, podwarden not invited): recorded for a later post there. */
export async function deferEscalation(
  ctx: IdleContext,
  episodeId: string,
  channel: string,
  message: OutgoingMessage,
): Promise<void> {
  const at = ctx.clock.now();
  await ctx.store.addEscalationOutbox({
    episodeId,
    channel,
    message: JSON.stringify(message),
    state: 'unsent',
    at,
  });
}

async function channelTakesPosts(ctx: IdleContext, row: EscalationOutboxEntry): Promise<boolean> {
  try {
    return (await ctx.notifier.ensureMember?.(row.channel)) !== 'invite_needed';
  } catch (error) {
    ctx.logger.warn(
      { episode: row.episodeId, channel: row.channel, err: error },
      'could not check the channel',
    );
    return false;
  }
}

/**
 * An escalated episode whose escalation is not (known to be) in its channel: looks for it, or
 * posts it again once the channel takes it. The row is claimed first (compare-and-set), so
 * replicas never both act on it. True when the escalation is now recorded in the channel.
 */
export async function settleEscalation(ctx: IdleContext, episode: Pick<IdleEpisode, 'id'>): Promise<boolean> {
  const row = await ctx.store.getEscalationOutbox(episode.id);
  if (!row || row.state === 'posted') return false;
  const now = ctx.clock.now();
  const age = now.getTime() - row.updatedAt.getTime();
  if (age < (row.state === 'pending' ? ESCALATION_SETTLE_AFTER_MS : ESCALATION_RETRY_EVERY_MS)) return false;
  // Not claimed while the channel still refuses: the row keeps its age, no post is tried.
  if (row.state === 'unsent' && !(await channelTakesPosts(ctx, row))) return false;
  if (!(await ctx.store.claimEscalationOutbox(row.episodeId, row.updatedAt, now))) return false;
  const message = JSON.parse(row.message) as OutgoingMessage;
  if (row.state === 'pending') {
    const found = await ctx.notifier.findPosted(
      row.channel,
      escalationMetadata(row.episodeId, row.channel),
      row.createdAt,
      message.threadTs,
    );
    if (found) {
      await ctx.store.settleEscalationOutbox(row.episodeId, { state: 'posted', ...found }, now);
      ctx.logger.info({ episode: row.episodeId }, 'escalation found in the channel; recorded');
      return true;
    }
  }
  const outcome = await postRecorded(ctx, row.episodeId, row.channel, message);
  ctx.logger.info({ episode: row.episodeId, outcome: outcome.kind }, 'escalation posted again');
  return outcome.kind === 'posted';
}
