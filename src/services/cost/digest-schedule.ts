import { Cron } from 'croner';
import type { DigestSubscription } from '../../domain/digest-subscription.js';
import { localDateKey } from '../../lib/time-zone.js';

/** A daily cron pattern at the subscription's wall-clock time, evaluated in its zone by croner. */
const dailyCron = (subscription: DigestSubscription) =>
  new Cron(`${subscription.minute} ${subscription.hour} * * *`, {
    timezone: subscription.timeZone,
    paused: true,
  });

/**
 * The latest scheduled time of a subscription at or before `now`, DST included (09:00 Berlin is
 * 08:00 UTC in winter, 07:00 UTC in summer; a time skipped by spring-forward runs right after it).
 */
export function lastScheduledRun(subscription: DigestSubscription, now: Date): Date | null {
  // previousRuns looks strictly before its reference: one millisecond later includes a run at `now`.
  return dailyCron(subscription).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

/** The next scheduled time after `now`. */
export function nextScheduledRun(subscription: DigestSubscription, now: Date): Date | null {
  return dailyCron(subscription).nextRun(now);
}

/**
 * The local date whose digest is due at `now`, or null. Due: today's time (in the channel's zone)
 * has passed and it is still the same local day — so a digest missed while podwarden was down is
 * posted once on start, the same day only — and the subscription existed before that time (a
 * channel subscribing at 10:00 for 09:00 gets its first digest tomorrow).
 */
export function dueLocalDate(subscription: DigestSubscription, now: Date): string | null {
  const last = lastScheduledRun(subscription, now);
  if (!last) return null;
  const date = localDateKey(last, subscription.timeZone);
  if (date !== localDateKey(now, subscription.timeZone)) return null;
  if (subscription.subscribedAt.getTime() > last.getTime()) return null;
  return date;
}
