import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDigestScheduler } from '../../../src/jobs/digest-scheduler.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { dueLocalDate, lastScheduledRun } from '../../../src/services/cost/digest-schedule.js';
import { createDigestService } from '../../../src/services/digest-service.js';
import type { Store } from '../../../src/services/ports.js';
import { type CostDeps, costDeps, tempDatabase } from '../../fixtures/cost-deps.js';

let db: Awaited<ReturnType<typeof tempDatabase>>;
let store: Store;

beforeEach(async () => {
  db = await tempDatabase();
  store = await db.open();
});

afterEach(async () => {
  await db.cleanup();
});

const berlinNine = {
  channel: 'CTEAM',
  hour: 9,
  minute: 0,
  timeZone: 'Europe/Berlin',
  subscribedBy: 'UALICE',
  subscribedAt: new Date('2026-01-01T00:00:00Z'),
};

/** A scheduler as app.ts builds one, on its own services over `deps`. */
const schedulerOn = (deps: CostDeps) =>
  createDigestScheduler({
    services: { digests: createDigestService(deps) },
    clock: deps.clock,
    logger: silentLogger,
  });

describe('when a subscription is due', () => {
  it('follows the channel zone across DST: 09:00 Berlin is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(lastScheduledRun(berlinNine, new Date('2026-01-15T12:00:00Z'))?.toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(lastScheduledRun(berlinNine, new Date('2026-07-15T12:00:00Z'))?.toISOString()).toBe(
      '2026-07-15T07:00:00.000Z',
    );
  });

  it('is due only after its time on the same local day, and not before the channel subscribed', () => {
    expect(dueLocalDate(berlinNine, new Date('2026-01-15T07:59:59Z'))).toBeNull();
    expect(dueLocalDate(berlinNine, new Date('2026-01-15T08:00:00Z'))).toBe('2026-01-15');
    expect(dueLocalDate(berlinNine, new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    // 23:00 UTC is already 16 Jan in Berlin, before 09:00: yesterday's digest is not posted late.
    expect(dueLocalDate(berlinNine, new Date('2026-01-15T23:00:00Z'))).toBeNull();
    const lateSubscriber = { ...berlinNine, subscribedAt: new Date('2026-01-15T09:30:00Z') };
    expect(dueLocalDate(lateSubscriber, new Date('2026-01-15T10:00:00Z'))).toBeNull();
    expect(dueLocalDate(lateSubscriber, new Date('2026-01-16T08:00:00Z'))).toBe('2026-01-16');
  });
});

describe('the digest scheduler on a manual clock', () => {
  it('posts exactly once at 08:00 UTC in winter', async () => {
    await store.subscribe(berlinNine);
    const deps = costDeps(store, '2026-01-15T07:59:59Z');
    const scheduler = schedulerOn(deps);
    expect(await scheduler.tick()).toBe(0);
    deps.clock.set('2026-01-15T08:00:00Z');
    expect(await scheduler.tick()).toBe(1);
    deps.clock.advance(20_000);
    expect(await scheduler.tick()).toBe(0);
    deps.clock.set('2026-01-15T15:00:00Z');
    expect(await scheduler.tick()).toBe(0);
    expect(deps.notifier.posts.map((p) => p.channel)).toEqual(['CTEAM']);
    expect(deps.notifier.posts[0]?.message.text).toContain('GPU digest for Wed 14 Jan');
  });

  it('posts exactly once at 07:00 UTC in summer', async () => {
    await store.subscribe(berlinNine);
    const deps = costDeps(store, '2026-07-15T06:59:59Z');
    const scheduler = schedulerOn(deps);
    expect(await scheduler.tick()).toBe(0);
    deps.clock.set('2026-07-15T07:00:00Z');
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    deps.clock.set('2026-07-16T06:59:00Z');
    expect(await scheduler.tick()).toBe(0);
    deps.clock.set('2026-07-16T07:00:00Z');
    expect(await scheduler.tick()).toBe(1);
    expect(deps.notifier.posts).toHaveLength(2);
  });

  it('posts once when two replicas share one database', async () => {
    await store.subscribe(berlinNine);
    const one = costDeps(store, '2026-01-15T08:00:00Z');
    const two = costDeps(await db.open(), '2026-01-15T08:00:00Z');
    const [a, b] = await Promise.all([schedulerOn(one).tick(), schedulerOn(two).tick()]);
    expect(a + b).toBe(1);
    expect(one.notifier.posts.length + two.notifier.posts.length).toBe(1);
  });

  it('does not post again after a restart the same day', async () => {
    await store.subscribe(berlinNine);
    const before = costDeps(store, '2026-01-15T08:00:05Z');
    expect(await schedulerOn(before).tick()).toBe(1);
    const after = costDeps(await db.open(), '2026-01-15T08:03:00Z');
    expect(await schedulerOn(after).tick()).toBe(0);
    expect(after.notifier.posts).toEqual([]);
  });

  it('posts a digest missed while down once on start, the same day only', async () => {
    await store.subscribe(berlinNine);
    const sameDay = costDeps(store, '2026-01-15T13:30:00Z');
    expect(await schedulerOn(sameDay).tick()).toBe(1);
    // Down through the whole of 16 Jan's 09:00 and back the next day before 09:00: 16 Jan is not posted late.
    const nextDay = costDeps(await db.open(), '2026-01-17T07:30:00Z');
    expect(await schedulerOn(nextDay).tick()).toBe(0);
  });

  it('still posts the scheduled digest after a digest now the same morning', async () => {
    await store.subscribe(berlinNine);
    const deps = costDeps(store, '2026-01-15T07:30:00Z');
    await createDigestService(deps).postNow('CTEAM', 'UALICE');
    deps.clock.set('2026-01-15T08:00:00Z');
    expect(await schedulerOn(deps).tick()).toBe(1);
    expect(deps.notifier.posts).toHaveLength(2);
  });
});
