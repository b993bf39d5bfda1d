import type { AuditAction, AuditOutcome } from '../../domain/audit.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import { isValidTimeZone } from '../../lib/time-zone.js';
import type { OutgoingMessage, ServiceDeps } from '../ports.js';
import type { IdleMessages } from './idle-messages.js';

/** What every idle use case works with: the service dependencies and the message renderer. */
export type IdleContext = ServiceDeps & { messages: IdleMessages };

type Place = { channel: string; ts: string };

/** The reader's IANA zone from Slack, else DIGEST_TZ. Slack being unreachable is not a failure here. */
export async function readerTimeZone(
  ctx: Pick<ServiceDeps, 'notifier' | 'settings' | 'logger'>,
  userId: string | null,
): Promise<string> {
  if (userId === null) return ctx.settings.digestTz;
  try {
    const zone = await ctx.notifier.userTimeZone(userId);
    // Slack's zone names are IANA names; one this runtime does not know falls back like no zone.
    return zone && isValidTimeZone(zone) ? zone : ctx.settings.digestTz;
  } catch (error) {
    ctx.logger.warn({ user: userId, err: error }, 'could not read the user time zone; using DIGEST_TZ');
    return ctx.settings.digestTz;
  }
}

/** The zone an episode's prompt is written in: the owner's for DMs to the owner, else DIGEST_TZ. */
export const episodeTimeZone = (ctx: IdleContext, episode: Pick<IdleEpisode, 'audience' | 'ownerId'>) =>
  readerTimeZone(ctx, episode.audience === 'owner' ? episode.ownerId : null);

/** Updates every copy of the prompt in place; a copy that cannot be updated is logged and skipped. */
export async function updateEpisodeMessages(
  ctx: IdleContext,
  episode: Pick<IdleEpisode, 'id' | 'podId' | 'messages'>,
  message: OutgoingMessage,
): Promise<Place[]> {
  const updated: Place[] = [];
  for (const place of episode.messages) {
    try {
      await ctx.notifier.update(place.channel, place.ts, message);
      updated.push(place);
    } catch (error) {
      ctx.logger.warn(
        { episode: episode.id, pod: episode.podId, channel: place.channel, err: error },
        'could not update the idle prompt',
      );
    }
  }
  return updated;
}

/** Posts into the thread of every copy of the prompt. */
export async function postInThreads(
  ctx: IdleContext,
  episode: Pick<IdleEpisode, 'id' | 'podId' | 'messages'>,
  message: OutgoingMessage,
): Promise<number> {
  let posted = 0;
  for (const place of episode.messages) {
    try {
      await ctx.notifier.post(place.channel, { ...message, threadTs: place.ts });
      posted++;
    } catch (error) {
      ctx.logger.warn(
        { episode: episode.id, pod: episode.podId, channel: place.channel, err: error },
        'could not post in the idle prompt thread',
      );
    }
  }
  return posted;
}

export type IdleAuditInput = {
  actor: string;
  podId: string;
  podName: string;
  action: AuditAction;
  outcome: AuditOutcome;
  reason?: string | null;
  detail?: string | null;
  evidence?: string | null;
};

/** One audit entry; a failed write is logged loudly and does not undo what already happened. */
export async function auditIdle(ctx: IdleContext, input: IdleAuditInput): Promise<void> {
  try {
    await ctx.store.appendAudit({
      at: ctx.clock.now(),
      actor: input.actor,
      podId: input.podId,
      podName: input.podName,
      action: input.action,
      reason: input.reason ?? null,
      outcome: input.outcome,
      detail: input.detail ?? null,
      evidence: input.evidence ?? null,
    });
  } catch (error) {
    ctx.logger.error(
      { pod: input.podId, action: input.action, outcome: input.outcome, err: error },
      'could not write the audit entry',
    );
  }
}
