import { Cron } from 'croner';
import type { DigestSubscription } from '../domain/digest-subscription.js';
import type { Clock } from '../lib/clock.js';
import type { JobRunner } from '../lib/job-runner.js';
import type { Logger } from '../lib/logger.js';
import { localDateKey } from '../lib/time-zone.js';
import type { Services } from '../services/services.js';

/** How often the scheduler looks for due digests: a digest goes out at most this late. */
export const DIGEST_TICK_MS = 20_000;

export type DigestSchedulerDeps = { services: Pick<Services, 'digests'>; clock: Clock; logger: Logger };

/**
 * The latest scheduled time of a subscription at or before `now`: croner computes it in the
 * subscription's zone, DST included (09:00 Berlin is 08:00 UTC in winter, 07:00 UTC in summer; a
 * time skipped by spring-forward runs right after the jump).
 */
export function lastScheduledRun(subscription: DigestSubscription, now: Date): Date | null {
  const cron = new Cron(`${subscription.minute} ${subscription.hour} * * *`, {
    timezone: subscription.timeZone,
    paused: true,
  });
  // previousRuns looks strictly before its reference: one millisecond later includes a run at `now`.
  return cron.previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

/** The next scheduled time after `now`; for messages ("next digest at …"). */
export function nextScheduledRun(subscription: DigestSubscription, now: Date): Date | null {
  return new Cron(`${subscription.minute} ${subscription.hour} * * *`, {
    timezone: subscription.timeZone,
    paused: true,
  }).nextRun(now);
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

export type DigestScheduler = {
  /** Posts every due digest not yet claimed; returns how many this caller posted. */
  tick(): Promise<number>;
};

/**
 * Time comes from the Clock, so tests drive the scheduler with a manual clock and call tick().
 * Exactly once per (channel, local date) is the store's claim; this process also remembers what it
 * has settled, so it does not ask the store again every tick.
 */
export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const settled = new Set<string>();
  return {
    async tick() {
      const now = deps.clock.now();
      let posted = 0;
      for (const subscription of await deps.services.digests.listSubscriptions()) {
        const localDate = dueLocalDate(subscription, now);
        if (localDate === null) continue;
        const key = `${subscription.channel}|${localDate}`;
        if (settled.has(key)) continue;
        const outcome = await deps.services.digests.postScheduled(subscription, localDate);
        if (!outcome.ok) {
          // The claim is taken: this day's digest is not retried (at most once, never twice).
          deps.logger.error(
            { job: 'digest', channel: subscription.channel, localDate, kind: outcome.error.kind },
            'scheduled digest failed',
          );
        } else if (outcome.value.kind === 'posted') {
          posted += 1;
        }
        settled.add(key);
      }
      return posted;
    },
  };
}

/** Looks for due digests every DIGEST_TICK_MS, first right away (a digest missed while down goes out on start). */
export function startDigestScheduler(
  runner: JobRunner,
  deps: DigestSchedulerDeps,
  tickMs = DIGEST_TICK_MS,
): DigestScheduler {
  const scheduler = createDigestScheduler(deps);
  runner.every(
    'digest',
    tickMs,
    async () => {
      await scheduler.tick();
    },
    { runNow: true },
  );
  return scheduler;
}
