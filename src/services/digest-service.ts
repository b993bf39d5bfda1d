import type { DigestSubscription } from '../domain/digest-subscription.js';
import type { AppError } from '../domain/errors.js';
import { decide } from '../domain/permissions.js';
import { err, ok, type Result } from '../lib/result.js';
import { isValidTimeZone } from '../lib/time-zone.js';
import { type BuiltDigest, buildDigest } from './cost/build-digest.js';
import { nextScheduledRun } from './cost/digest-schedule.js';
import { type PostedDigest, postDigest } from './cost/post-digest.js';
import { postScheduledDigest, type ScheduledOutcome } from './cost/scheduled-digest.js';
import { runGuarded } from './pods/run-guarded.js';
import type { ServiceDeps } from './ports.js';

export type { BuiltDigest } from './cost/build-digest.js';
export type { PostedDigest } from './cost/post-digest.js';
export { DIGEST_RETRY_AFTER_MS, type ScheduledOutcome } from './cost/scheduled-digest.js';

type Outcome<T> = Promise<Result<T, AppError>>;

export type SubscribeRequest = {
  channel: string;
  userId: string;
  /** Null: 09:00. */
  hour: number | null;
  minute: number | null;
  /** Null: DIGEST_TZ. */
  timeZone: string | null;
};

export type Subscribed = { subscription: DigestSubscription; nextAt: Date | null };

export const DEFAULT_DIGEST_HOUR = 9;
export const DIGEST_EXAMPLE = '`/pod digest here 09:00 Europe/Berlin`';

/** Daily digests (PRODUCT.md §4): subscriptions per channel, the scheduled post, `digest now`. */
export type DigestService = {
  /** Subscribes (or moves) the channel's daily digest; says when the first one comes. */
  subscribe(request: SubscribeRequest): Outcome<Subscribed>;
  /** `removed` is false when the channel had no subscription. */
  unsubscribe(channel: string, userId: string): Outcome<{ removed: boolean }>;
  /** An extra digest on demand; it does not use up the day's scheduled one. */
  postNow(channel: string, userId: string): Outcome<PostedDigest>;
  listSubscriptions(): Promise<DigestSubscription[]>;
  /**
   * The scheduled digest of (channel, local date): claimed in the store first, so a restart, a
   * late tick or a second replica never posts it twice.
   */
  postScheduled(subscription: DigestSubscription, localDate: string): Outcome<ScheduledOutcome>;
  /** The digest as it would be posted now, without posting (previews, benchmarks). */
  build(timeZone: string): Promise<BuiltDigest>;
};

function validTime(hour: number, minute: number): boolean {
  return (
    Number.isInteger(hour) &&
    Number.isInteger(minute) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59
  );
}

export function createDigestService(deps: ServiceDeps): DigestService {
  const guard = <T>(operation: string, fields: Record<string, unknown>, work: () => Outcome<T>) =>
    runGuarded(deps.logger, operation, fields, work);
  const refusal = (userId: string): AppError | null =>
    decide('digest', userId, null, deps.settings).allowed ? null : { kind: 'read_only', action: 'digest' };

  return {
    subscribe: (request) =>
      guard('digest_subscribe', { user: request.userId, channel: request.channel }, async () => {
        const refused = refusal(request.userId);
        if (refused) return err(refused);
        const hour = request.hour ?? DEFAULT_DIGEST_HOUR;
        const minute = request.minute ?? 0;
        if (!validTime(hour, minute)) {
          return err({
            kind: 'invalid_input',
            message: `That is not a time of day: use 24-hour HH:MM from 00:00 to 23:59, for example ${DIGEST_EXAMPLE}.`,
          });
        }
        const timeZone = request.timeZone ?? deps.settings.digestTz;
        if (!isValidTimeZone(timeZone)) {
          return err({
            kind: 'invalid_input',
            message: `"${timeZone}" is not an IANA time zone; use a name like Europe/Berlin or America/New_York, for example ${DIGEST_EXAMPLE}.`,
          });
        }
        // A subscription is never accepted where the digest (text and chart) cannot be delivered.
        if ((await deps.notifier.ensureMember?.(request.channel)) === 'invite_needed') {
          return err({ kind: 'invite_needed', channel: request.channel });
        }
        const subscription: DigestSubscription = {
          channel: request.channel,
          hour,
          minute,
          timeZone,
          subscribedBy: request.userId,
          subscribedAt: deps.clock.now(),
        };
        await deps.store.subscribe(subscription);
        deps.logger.info(
          { channel: request.channel, user: request.userId, hour, minute, timeZone },
          'digest subscribed',
        );
        return ok({ subscription, nextAt: nextScheduledRun(subscription, subscription.subscribedAt) });
      }),

    unsubscribe: (channel, userId) =>
      guard('digest_unsubscribe', { user: userId, channel }, async () => {
        const refused = refusal(userId);
        if (refused) return err(refused);
        const removed = await deps.store.unsubscribe(channel);
        return ok({ removed });
      }),

    postNow: (channel, userId) =>
      guard('digest_now', { user: userId, channel }, async () => {
        const refused = refusal(userId);
        if (refused) return err(refused);
        if ((await deps.notifier.ensureMember?.(channel)) === 'invite_needed') {
          return err({ kind: 'invite_needed', channel });
        }
        const subscription = (await deps.store.listSubscriptions()).find((s) => s.channel === channel);
        return ok(await postDigest(deps, channel, subscription?.timeZone ?? deps.settings.digestTz));
      }),

    listSubscriptions: () => deps.store.listSubscriptions(),

    postScheduled: (subscription, localDate) =>
      guard<ScheduledOutcome>('digest_scheduled', { channel: subscription.channel, localDate }, async () =>
        ok(await postScheduledDigest(deps, subscription, localDate)),
      ),

    build: (timeZone) => buildDigest(deps, timeZone),
  };
}
