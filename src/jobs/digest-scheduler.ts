import type { Clock } from '../lib/clock.js';
import type { JobRunner } from '../lib/job-runner.js';
import type { Logger } from '../lib/logger.js';
import { dueLocalDate } from '../services/cost/digest-schedule.js';
import { DIGEST_RETRY_AFTER_MS } from '../services/digest-service.js';
import type { Services } from '../services/services.js';

/** How often the scheduler looks for due digests: a digest goes out at most this late. */
export const DIGEST_TICK_MS = 20_000;

export type DigestSchedulerDeps = { services: Pick<Services, 'digests'>; clock: Clock; logger: Logger };

export type DigestScheduler = {
  /** Posts every due digest not yet claimed; returns how many this caller posted. */
  tick(): Promise<number>;
};

/**
 * Each subscription's daily time is a croner schedule in the channel's zone (see
 * services/cost/digest-schedule.ts), evaluated against the Clock, so tests drive the scheduler
 * with a manual clock and call tick(). Exactly once per (channel, local date) is the store's claim;
 * this process also remembers what it has settled, so it does not ask the store again every tick.
 */
export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  /** key → when to ask the store again: never once posted; after a retry delay when claimed elsewhere. */
  const settled = new Map<string, number>();
  return {
    async tick() {
      const now = deps.clock.now();
      let posted = 0;
      for (const subscription of await deps.services.digests.listSubscriptions()) {
        const localDate = dueLocalDate(subscription, now);
        if (localDate === null) continue;
        const key = `${subscription.channel}|${localDate}`;
        if ((settled.get(key) ?? 0) > now.getTime()) continue;
        const outcome = await deps.services.digests.postScheduled(subscription, localDate);
        if (!outcome.ok) {
          // Not delivered: the claim stays open and is taken again after DIGEST_RETRY_AFTER_MS,
          // the same day; the recorded message, and the retry's look into the channel, make it never go out twice.
          deps.logger.error(
            { job: 'digest', channel: subscription.channel, localDate, kind: outcome.error.kind },
            'scheduled digest failed; retried later today',
          );
          continue;
        }
        if (outcome.value.kind === 'posted') {
          posted += 1;
          settled.set(key, Number.POSITIVE_INFINITY);
        } else {
          // Claimed by another attempt, which may yet fail, or posted with no answer from Slack
          // (the retry looks for it in the channel first): look again once a retry could be due.
          settled.set(key, now.getTime() + DIGEST_RETRY_AFTER_MS);
        }
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
