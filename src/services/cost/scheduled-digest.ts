/**
 * The scheduled digest of a (channel, local date), posted exactly once. The claim row in the store
 * is committed before the post; the post carries message metadata naming the channel and the day
 * and is never retried blindly (Notifier.postOnce). A claim taken again later that day (the first
 * attempt failed, or its answer never came) first looks for the digest in the channel
 * (conversations.history) and only posts when it is not there — unless the attempt before it
 * ended with an answer proving nothing was posted, so that a channel the app is invited back to
 * gets its digest even without the history scopes.
 */
import { undeliveredDigestText } from '../../domain/digest-message.js';
import type { DigestSubscription } from '../../domain/digest-subscription.js';
import { startOfLocalDay } from '../../lib/time-zone.js';
import type { ServiceDeps } from '../ports.js';
import { buildDigest } from './build-digest.js';
import { digestMetadata, type PostedDigest, shareDigestChart } from './post-digest.js';

export type ScheduledOutcome =
  | { kind: 'posted'; digest: PostedDigest }
  | { kind: 'already_claimed' }
  /** Slack may have posted it (a timeout, a 5xx): the retry looks for it before posting. */
  | { kind: 'outcome_unknown' };

/** A scheduled digest that could not be posted is tried again this long after, the same day. */
export const DIGEST_RETRY_AFTER_MS = 30 * 60_000;

/** Thrown when Slack's answer proves the digest was not posted; the claim stays open for a retry. */
export class DigestNotPosted extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.name = 'DigestNotPosted';
    this.reason = reason;
  }
}

const slackReason = (error: unknown): string => {
  if (error instanceof DigestNotPosted) return error.reason;
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : 'unknown error';
};

async function tellSubscriberOnce(
  deps: ServiceDeps,
  subscription: DigestSubscription,
  localDate: string,
  error: unknown,
): Promise<void> {
  const key = `digest-undelivered:${subscription.channel}:${localDate}`;
  try {
    if (!(await deps.store.flipAlert(key, true, deps.clock.now(), null))) return;
    const text = undeliveredDigestText(subscription.channel, slackReason(error));
    await deps.notifier.post(subscription.subscribedBy, { text });
  } catch (notifyError) {
    deps.logger.error({ channel: subscription.channel, err: notifyError }, 'could not tell the subscriber');
  }
}

/** The last attempt at this digest ended with Slack's proof that nothing was posted. */
const refusedKey = (channel: string, localDate: string) => `digest-refused:${channel}:${localDate}`;

/** An attempt at this digest went unanswered: Slack may have posted it. */
const unansweredKey = (channel: string, localDate: string) => `digest-unanswered:${channel}:${localDate}`;

/**
 * Whether a retry must look for the digest first; forgets a recorded refusal, which this attempt
 * uses up. A refusal proves only that its own attempt posted nothing: after any unanswered attempt
 * that day the digest may be out, and is looked for.
 */
async function mayBeOut(deps: ServiceDeps, channel: string, localDate: string): Promise<boolean> {
  const key = refusedKey(channel, localDate);
  if (!(await deps.store.getAlertState(key))?.active) return true;
  await deps.store.flipAlert(key, false, deps.clock.now(), null);
  return (await deps.store.getAlertState(unansweredKey(channel, localDate)))?.active === true;
}

/** Claims the day's digest (or takes back a stale undelivered claim): false when another attempt holds it. */
async function claim(
  deps: ServiceDeps,
  channel: string,
  localDate: string,
): Promise<'first' | 'retry' | null> {
  const now = deps.clock.now();
  if (await deps.store.claimDigest(channel, localDate, now)) return 'first';
  const staleBefore = new Date(now.getTime() - DIGEST_RETRY_AFTER_MS);
  if (await deps.store.reclaimUndeliveredDigest?.(channel, localDate, now, staleBefore)) return 'retry';
  return null;
}

export async function postScheduledDigest(
  deps: ServiceDeps,
  subscription: DigestSubscription,
  localDate: string,
): Promise<ScheduledOutcome> {
  const { channel, timeZone } = subscription;
  const attempt = await claim(deps, channel, localDate);
  if (attempt === null) return { kind: 'already_claimed' };
  const metadata = digestMetadata(channel, localDate);
  try {
    // Joins a public channel the app was removed from; a private one needs an invite.
    if ((await deps.notifier.ensureMember?.(channel)) === 'invite_needed') {
      throw new DigestNotPosted('channel_not_found');
    }
    const built = await buildDigest(deps, timeZone);
    const found =
      attempt === 'retry' && (await mayBeOut(deps, channel, localDate))
        ? await deps.notifier.findPosted(channel, metadata, startOfLocalDay(deps.clock.now(), timeZone))
        : null;
    let place = found;
    if (!place) {
      const outcome = await deps.notifier.postOnce(channel, { ...built.message, metadata });
      if (outcome.kind === 'not_sent') throw new DigestNotPosted(outcome.reason);
      if (outcome.kind === 'unknown') {
        await deps.store.flipAlert(unansweredKey(channel, localDate), true, deps.clock.now(), null);
        deps.logger.warn(
          { channel, localDate, reason: outcome.reason },
          'digest outcome unknown; will look for it',
        );
        return { kind: 'outcome_unknown' };
      }
      place = outcome;
    }
    // Recorded before the chart: a digest found in the channel never had its chart shared.
    await deps.store.recordDigestMessage(channel, localDate, place.ts);
    const chart = await shareDigestChart(deps, channel, built);
    deps.logger.info(
      { channel, localDate, quiet: built.model.quiet, found: found !== null },
      found ? 'scheduled digest found in the channel; recorded' : 'scheduled digest posted',
    );
    return {
      kind: 'posted',
      digest: { channel: place.channel, ts: place.ts, localDate, quiet: built.model.quiet, chart },
    };
  } catch (error) {
    // Undelivered: the claim stays open for a retry later today; the subscriber hears once.
    if (error instanceof DigestNotPosted) {
      await deps.store.flipAlert(refusedKey(channel, localDate), true, deps.clock.now(), null);
    }
    await tellSubscriberOnce(deps, subscription, localDate, error);
    throw error;
  }
}
