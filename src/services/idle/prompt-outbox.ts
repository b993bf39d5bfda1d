/**
 * Exactly one idle prompt per episode and recipient, whatever Slack and crashes do. Before a
 * prompt is posted its outbox row is committed; the post carries Slack message metadata naming
 * the episode and is never retried blindly (Notifier.postOnce). An answer that proves nothing was
 * posted marks the row for another post; an unknown outcome (a late answer, a 5xx, a crash between
 * Slack's post and our write) leaves it pending, and a later sweep looks for the message in the
 * conversation (conversations.history) before it ever posts again.
 */
import type { IdleEpisode } from '../../domain/idle-episode.js';
import { nextKeepMorning } from '../../domain/keep-until.js';
import { PROMPT_EVENT_TYPE, type PromptOutboxEntry } from '../../domain/prompt-outbox.js';
import { breather } from '../../lib/breather.js';
import type { MessageMetadata, OutgoingMessage } from '../ports.js';
import { episodeEvidence } from './episode-evidence.js';
import { episodeTimeZone, type IdleContext } from './idle-context.js';
import { podKeeps } from './pod-keeps.js';

/**
 * A pending row younger than this may still have its post in flight (the Slack client's timeout,
 * plus retries after 429s); only older ones are looked for and settled by a sweep.
 */
export const PROMPT_SETTLE_AFTER_MS = 5 * 60_000;
/** Posts Slack refused (429, connection refused, an error answer) are tried this often in all. */
export const PROMPT_MAX_ATTEMPTS = 3;

const USER_ID = /^[UW][A-Z0-9]+$/;

export type SendResult = 'posted' | 'unsent' | 'unknown';

export const promptMetadata = (episodeId: string, recipient: string): MessageMetadata => ({
  eventType: PROMPT_EVENT_TYPE,
  payload: { episode: episodeId, recipient },
});

/**
 * The episode's prompt as its recipients read it (also when it is posted again after a failure).
 * Episodes with audience `none` are never opened; they would read as the admins' prompt.
 */
export async function renderEpisodePrompt(
  ctx: IdleContext,
  episode: IdleEpisode,
  now: Date,
): Promise<OutgoingMessage> {
  const timeZone = await episodeTimeZone(ctx, episode);
  return ctx.messages.prompt({
    episodeId: episode.id,
    podId: episode.podId,
    podName: episode.podName,
    audience: episode.audience === 'none' ? 'admins' : episode.audience,
    ownerId: episode.ownerId,
    claimedBy: null,
    action: episode.action,
    evidence: episodeEvidence(episode),
    deadlineAt: episode.deadlineAt,
    keepMorningAt: nextKeepMorning(now, timeZone),
    timeZone,
    now,
    keeps: await podKeeps(ctx, episode.podId, now),
  });
}

/** Records the prompt for one recipient in the outbox, then posts it once. */
export async function sendPrompt(
  ctx: IdleContext,
  episode: Pick<IdleEpisode, 'id' | 'podId'>,
  recipient: string,
  message: OutgoingMessage,
): Promise<SendResult> {
  let channel: string;
  try {
    channel = USER_ID.test(recipient) ? await ctx.notifier.openDm(recipient) : recipient;
  } catch (error) {
    ctx.logger.warn(
      { episode: episode.id, pod: episode.podId, err: error },
      'could not open the DM for an idle prompt',
    );
    return 'unsent';
  }
  await ctx.store.addPromptOutbox({ episodeId: episode.id, recipient, channel, at: ctx.clock.now() });
  return await postRecorded(ctx, episode.id, recipient, channel, message);
}

async function postRecorded(
  ctx: IdleContext,
  episodeId: string,
  recipient: string,
  channel: string,
  message: OutgoingMessage,
): Promise<SendResult> {
  const outcome = await ctx.notifier.postOnce(channel, {
    ...message,
    metadata: promptMetadata(episodeId, recipient),
  });
  if (outcome.kind === 'posted') {
    const place = { state: 'posted' as const, channel: outcome.channel, ts: outcome.ts };
    await ctx.store.settlePromptOutbox(episodeId, recipient, place, ctx.clock.now());
    return 'posted';
  }
  if (outcome.kind === 'not_sent') {
    await ctx.store.settlePromptOutbox(episodeId, recipient, { state: 'unsent' }, ctx.clock.now());
    return 'unsent';
  }
  ctx.logger.warn(
    { episode: episodeId, reason: outcome.reason },
    'idle prompt outcome unknown; will look for it',
  );
  return 'unknown';
}

/** True while a prompt of the episode may be out, or may still go out: never end or stop it unasked. */
export async function promptMayBeOut(ctx: IdleContext, episodeId: string): Promise<boolean> {
  const rows = await ctx.store.listPromptOutbox(episodeId);
  return rows.some(
    (r) => r.state === 'pending' || (r.state === 'unsent' && r.attempts < PROMPT_MAX_ATTEMPTS),
  );
}

/**
 * Settles the outbox rows of open episodes that a post left unsettled: a pending row whose post
 * is old enough is looked for in its conversation and recorded when found, else posted again; an
 * unsent row is posted again. Each row is claimed first (compare-and-set), so replicas never both
 * act on it. Returns the active episodes, re-read where a message was recorded.
 */
export async function settlePrompts(
  ctx: IdleContext,
  active: readonly IdleEpisode[],
): Promise<IdleEpisode[]> {
  const open = new Map(active.filter((e) => e.state === 'open').map((e) => [e.id, e]));
  if (open.size === 0) return [...active];
  const rows = (await ctx.store.listUnsettledPrompts()).filter((r) => open.has(r.episodeId));
  const changed = new Set<string>();
  const breathe = breather();
  for (const row of rows) {
    await breathe();
    const episode = open.get(row.episodeId);
    if (!episode) continue;
    try {
      if (await settleRow(ctx, episode, row)) changed.add(episode.id);
    } catch (error) {
      ctx.logger.warn(
        { episode: row.episodeId, err: error },
        'could not settle an idle prompt; trying again later',
      );
    }
  }
  const result: IdleEpisode[] = [];
  for (const episode of active) {
    result.push(changed.has(episode.id) ? ((await ctx.store.getEpisode(episode.id)) ?? episode) : episode);
  }
  return result;
}

async function settleRow(ctx: IdleContext, episode: IdleEpisode, row: PromptOutboxEntry): Promise<boolean> {
  const now = ctx.clock.now();
  if (row.state === 'unsent' && row.attempts >= PROMPT_MAX_ATTEMPTS) return false;
  if (row.state === 'pending' && now.getTime() - row.updatedAt.getTime() < PROMPT_SETTLE_AFTER_MS)
    return false;
  if (!(await ctx.store.claimPromptOutbox(row.episodeId, row.recipient, row.updatedAt, now))) return false;
  if (row.state === 'pending') {
    const found = await ctx.notifier.findPosted(
      row.channel,
      promptMetadata(row.episodeId, row.recipient),
      row.createdAt,
    );
    if (found) {
      await ctx.store.settlePromptOutbox(row.episodeId, row.recipient, { state: 'posted', ...found }, now);
      ctx.logger.info({ episode: row.episodeId }, 'idle prompt found in the conversation; recorded');
      return true;
    }
  }
  const message = await renderEpisodePrompt(ctx, episode, now);
  const result = await postRecorded(ctx, row.episodeId, row.recipient, row.channel, message);
  ctx.logger.info({ episode: row.episodeId, result }, 'idle prompt posted again');
  return result === 'posted';
}
