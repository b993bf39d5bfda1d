import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCostService } from '../../../src/services/cost-service.js';
import { createDigestService } from '../../../src/services/digest-service.js';
import type { Store } from '../../../src/services/ports.js';
import { costDeps, runpodDown, tempDatabase } from '../../fixtures/cost-deps.js';
import { series } from '../../fixtures/cost-samples.js';
import {
  GOLDEN_BALANCE,
  GOLDEN_NOW,
  GOLDEN_POLL_MS,
  GOLDEN_SPEND_PER_HOUR,
  GOLDEN_TZ,
  goldenSamples,
  goldenSavings,
  goldenExpected as x,
} from '../../fixtures/golden-digest.js';

let db: Awaited<ReturnType<typeof tempDatabase>>;
let store: Store;

beforeEach(async () => {
  db = await tempDatabase();
  store = await db.open();
});

afterEach(async () => {
  await db.cleanup();
});

describe('the golden digest through the store', () => {
  it('reads the same to the cent after samples older than 48 h were folded into hourly aggregates', async () => {
    await store.insertSamples(goldenSamples);
    for (const saving of goldenSavings) await store.recordSaving(saving);
    const deps = costDeps(store, GOLDEN_NOW, { pollIntervalMs: GOLDEN_POLL_MS, digestTz: GOLDEN_TZ });
    deps.gateway.account = { clientBalance: GOLDEN_BALANCE, currentSpendPerHr: GOLDEN_SPEND_PER_HOUR };

    const rollup = await createCostService(deps).rollup();
    expect(rollup.aggregates).toBeGreaterThan(0);
    // Everything before 08 Nov 08:00Z is folded; only the margin and younger samples stay raw.
    const oldest = await store.oldestSampleAt();
    expect(oldest?.getTime()).toBeGreaterThanOrEqual(new Date('2026-11-08T07:50:00Z').getTime());

    const { message } = await createDigestService(deps).build(GOLDEN_TZ);
    expect(message.text).toContain(
      `*Yesterday:* ${x.yesterday} (${x.change} vs ${x.dayBefore} the day before)`,
    );
    expect(message.text).toContain(
      `*This month:* ${x.monthToDate} so far · forecast ${x.forecast} at ${x.runningRate} now`,
    );
    expect(message.text).toContain(`*Balance:* ${x.balance} · runway ${x.runway} at this rate`);
    expect(message.text).toContain(`• <@UALICE>: ${x.alice} · 6 h GPU · idle 2 h ($4.00)`);
    expect(message.text).toContain(`*Saved by podwarden yesterday:* ${x.savedYesterday}`);
    expect(message.text).toContain(`${x.savedSoFar} saved so far`);
  });
});

describe('the digest read from hourly sums', () => {
  it.each(['Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns'])(
    'says the same in %s after folding as from raw samples, days on half hours included',
    async (zone) => {
      await store.insertSamples(goldenSamples);
      for (const saving of goldenSavings) await store.recordSaving(saving);
      const deps = costDeps(store, GOLDEN_NOW, { pollIntervalMs: GOLDEN_POLL_MS, digestTz: zone });
      deps.gateway.account = { clientBalance: GOLDEN_BALANCE, currentSpendPerHr: GOLDEN_SPEND_PER_HOUR };
      const digests = createDigestService(deps);
      const raw = await digests.build(zone);
      expect((await createCostService(deps).rollup()).aggregates).toBeGreaterThan(0);
      const folded = await digests.build(zone);

      expect(folded.message).toEqual(raw.message);
      expect(folded.chart.map((c) => [c.day, c.owner])).toEqual(raw.chart.map((c) => [c.day, c.owner]));
      folded.chart.forEach((c, i) => {
        expect(c.busyUsd).toBeCloseTo(raw.chart[i]?.busyUsd ?? Number.NaN, 9);
        expect(c.idleUsd).toBeCloseTo(raw.chart[i]?.idleUsd ?? Number.NaN, 9);
      });
      expect(folded.model.monthToDateUsd).toBeCloseTo(raw.model.monthToDateUsd, 9);
    },
  );
});

describe('folding old samples', () => {
  it('folds each hour once, keeps totals, and is a no-op when run again', async () => {
    const samples = series({
      costPerHr: 3,
      from: '2026-11-07T10:00:00Z',
      to: '2026-11-10T10:00:00Z',
      stepMs: 300_000,
    });
    await store.insertSamples(samples);
    const deps = costDeps(store, '2026-11-10T10:00:00Z', { pollIntervalMs: 300_000 });
    const cost = createCostService(deps);
    const before = await cost.report({ askerId: 'U1', period: 'week', userId: null });
    const first = await cost.rollup();
    // Every complete hour: 7 Nov 10:00Z up to 10 Nov 09:00Z (its last sample may still come in).
    expect(first.aggregates).toBe(71);
    // Raw samples stay 48 hours, from two polls before 8 Nov 10:00Z.
    expect(await store.oldestSampleAt()).toEqual(new Date('2026-11-08T09:50:00Z'));
    expect(await cost.rollup()).toEqual({ aggregates: 0, deletedBefore: null, pruned: 0 });
    deps.clock.advance(3_600_000);
    expect((await cost.rollup()).aggregates).toBe(1);
    deps.clock.advance(-3_600_000);
    const after = await cost.report({ askerId: 'U1', period: 'week', userId: null });
    if (!before.ok || !after.ok) throw new Error('expected reports');
    expect(after.value.summary.totals.totalUsd).toBeCloseTo(before.value.summary.totals.totalUsd, 9);
    expect(after.value.summary.totals.totalUsd).toBeCloseTo(72 * 3, 9);
  });

  it('deletes hourly aggregates older than HOURLY_RETENTION and keeps the younger ones', async () => {
    const samples = series({
      costPerHr: 3,
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-10T10:00:00Z',
      stepMs: 600_000,
    });
    await store.insertSamples(samples);
    const deps = costDeps(store, '2026-11-10T10:00:00Z', {
      pollIntervalMs: 600_000,
      hourlyRetentionMs: 5 * 86_400_000,
    });
    const report = await createCostService(deps).rollup();
    // Folded: 1 Nov 00:00Z up to 10 Nov 09:00Z; kept: from 5 Nov 10:00Z on.
    expect(report.aggregates).toBe(9 * 24 + 9);
    expect(report.pruned).toBe(4 * 24 + 10);
    const hourly = await store.listHourly(new Date(0), new Date('2026-11-11T00:00:00Z'));
    expect(hourly[0]?.hour).toEqual(new Date('2026-11-05T10:00:00Z'));
    expect(hourly).toHaveLength(4 * 24 + 23);
  });
});

describe('/pod cost', () => {
  const now = '2026-11-10T15:00:00Z';
  const stopped = { status: 'EXITED', gpuUtil: [], hasRuntime: false, volumeInGb: 0 };

  async function seed() {
    await store.insertSamples([
      // Alice: today 09:00-11:00Z busy at $2/h; yesterday 10:00-12:00Z idle at $2/h.
      ...series({
        podId: 'a',
        podName: 'llama-ft',
        ownerId: 'UALICE',
        costPerHr: 2,
        from: '2026-11-10T09:00:00Z',
        to: '2026-11-10T11:00:00Z',
      }),
      ...series({
        podId: 'a',
        podName: 'llama-ft',
        ownerId: 'UALICE',
        costPerHr: 2,
        gpuUtil: [1],
        from: '2026-11-09T10:00:00Z',
        to: '2026-11-09T12:00:00Z',
      }),
      // Stopped in between (no volume, so no storage): the poller samples stopped pods too.
      ...series({
        ...stopped,
        podId: 'a',
        podName: 'llama-ft',
        ownerId: 'UALICE',
        from: '2026-11-09T12:00:00Z',
        to: '2026-11-10T09:00:00Z',
      }),
      ...series({
        ...stopped,
        podId: 'a',
        podName: 'llama-ft',
        ownerId: 'UALICE',
        from: '2026-11-10T11:00:00Z',
        to: '2026-11-10T15:00:00Z',
      }),
      // Bob: today 12:00-15:00Z, still running at $1/h.
      ...series({
        podId: 'b',
        podName: 'sd-train',
        ownerId: 'UBOB',
        costPerHr: 1,
        from: '2026-11-10T12:00:00Z',
        to: '2026-11-10T15:00:00Z',
      }),
    ]);
  }

  it('defaults to today in the asker time zone, with totals, owners, pods and the idle share', async () => {
    await seed();
    const deps = costDeps(store, now);
    deps.notifier.timeZones.set('UASKER', 'Asia/Tokyo'); // 10 Nov 15:00Z is 11 Nov 00:00 in Tokyo
    const result = await createCostService(deps).report({ askerId: 'UASKER', period: 'today', userId: null });
    expect(result.ok && result.value.timeZone).toBe('Asia/Tokyo');
    expect(result.ok && result.value.summary.totals.totalUsd).toBe(0);

    const utc = await createCostService(deps).report({ askerId: 'UOTHER', period: 'today', userId: null });
    if (!utc.ok) throw new Error('expected a report');
    expect(utc.value.timeZone).toBe('UTC');
    expect(utc.value.summary.totals.totalUsd).toBeCloseTo(7, 10);
    expect(utc.value.summary.byOwner.map((o) => [o.ownerId, Math.round(o.totalUsd * 100) / 100])).toEqual([
      ['UALICE', 4],
      ['UBOB', 3],
    ]);
    expect(utc.value.summary.byPod.map((p) => p.podName)).toEqual(['llama-ft', 'sd-train']);
  });

  it('reports one person, and the last 7 days with yesterday idle', async () => {
    await seed();
    const deps = costDeps(store, now);
    const result = await createCostService(deps).report({
      askerId: 'UBOB',
      period: 'week',
      userId: 'UALICE',
    });
    if (!result.ok) throw new Error('expected a report');
    expect(result.value.summary.totals.totalUsd).toBeCloseTo(8, 10);
    expect(result.value.summary.totals.idleUsd).toBeCloseTo(4, 10);
    expect(result.value.summary.byPod.map((p) => p.podName)).toEqual(['llama-ft']);
  });

  it('forecasts the month from month to date and the current rate', async () => {
    await seed();
    const deps = costDeps(store, now);
    deps.gateway.account = { clientBalance: 100, currentSpendPerHr: 1 };
    const result = await createCostService(deps).report({ askerId: 'U1', period: 'month', userId: null });
    if (!result.ok) throw new Error('expected a report');
    // 11 so far; 20 days 9 hours = 489 h left in November (UTC) at $1/h.
    expect(result.value.summary.totals.totalUsd).toBeCloseTo(11, 10);
    expect(result.value.forecastUsd).toBeCloseTo(11 + 489, 10);
    expect(result.value.runwayDays).toBeCloseTo(100 / 24, 10);
  });

  it("shows RunPod's billed figure for complete days when reconciliation is on and they differ by more than 2 %", async () => {
    await seed();
    const deps = costDeps(store, now, { reconcileBilling: true });
    deps.gateway.billing = [
      {
        podId: 'a',
        start: new Date('2026-11-09T00:00:00Z'),
        end: new Date('2026-11-10T00:00:00Z'),
        totalAmount: 4.05,
      },
      {
        podId: 'a',
        start: new Date('2026-11-10T00:00:00Z'),
        end: new Date('2026-11-11T00:00:00Z'),
        totalAmount: 1,
      },
    ];
    const close = await createCostService(deps).report({ askerId: 'U1', period: 'yesterday', userId: null });
    expect(close.ok && close.value.reconciliation).toBeNull();
    // Today's billing lags at RunPod: it is never compared.
    const today = await createCostService(deps).report({ askerId: 'U1', period: 'today', userId: null });
    expect(today.ok && today.value.reconciliation).toBeNull();

    deps.gateway.billing = [
      {
        podId: 'a',
        start: new Date('2026-11-09T00:00:00Z'),
        end: new Date('2026-11-10T00:00:00Z'),
        totalAmount: 4.5,
      },
    ];
    const week = await createCostService(deps).report({ askerId: 'U1', period: 'week', userId: null });
    if (!week.ok) throw new Error('expected a report');
    expect(week.value.reconciliation).toEqual({
      runpodUsd: 4.5,
      podwardenUsd: expect.closeTo(4, 9),
      through: new Date('2026-11-10T00:00:00Z'),
    });
  });

  it('still reports when RunPod cannot be reached: balance and rate unknown', async () => {
    await seed();
    const deps = costDeps(store, now);
    deps.gateway.account = runpodDown();
    const result = await createCostService(deps).report({ askerId: 'U1', period: 'today', userId: null });
    if (!result.ok) throw new Error('expected a report');
    expect(result.value.balanceUsd).toBeNull();
    // The running pods' rate stands in: Bob's $1/h.
    expect(result.value.spendPerHour).toBe(1);
  });
});

describe('budget and runway alerts', () => {
  const now = '2026-11-10T15:00:00Z';

  it('posts a budget alert once per crossing, clears only below 90 % of the budget, and posts again on the next crossing', async () => {
    await store.subscribe({
      channel: 'CTEAM',
      hour: 9,
      minute: 0,
      timeZone: 'UTC',
      subscribedBy: 'U1',
      subscribedAt: new Date(now),
    });
    const deps = costDeps(store, now, { budgetPerHour: 10 });
    const cost = createCostService(deps);
    deps.gateway.account = { clientBalance: 1000, currentSpendPerHr: 12.5 };
    expect((await cost.checkAlerts()).posted).toEqual(['budget_per_hour']);
    expect(await cost.checkAlerts()).toEqual({ posted: [], cleared: [] });
    expect(deps.notifier.posts).toHaveLength(1);
    expect(deps.notifier.posts[0]?.channel).toBe('CTEAM');
    expect(deps.notifier.posts[0]?.message.text).toContain(
      'spending $12.50/h on RunPod, above the budget of $10.00/h',
    );

    deps.gateway.account = { clientBalance: 1000, currentSpendPerHr: 9.5 };
    expect(await cost.checkAlerts()).toEqual({ posted: [], cleared: [] });
    deps.gateway.account = { clientBalance: 1000, currentSpendPerHr: 10.5 };
    expect(await cost.checkAlerts()).toEqual({ posted: [], cleared: [] });
    deps.gateway.account = { clientBalance: 1000, currentSpendPerHr: 8 };
    expect((await cost.checkAlerts()).cleared).toEqual(['budget_per_hour']);
    deps.gateway.account = { clientBalance: 1000, currentSpendPerHr: 11 };
    expect((await cost.checkAlerts()).posted).toEqual(['budget_per_hour']);
    expect(deps.notifier.posts).toHaveLength(2);
  });

  it('posts a runway alert once, from two replicas checking at the same moment', async () => {
    await store.subscribe({
      channel: 'CTEAM',
      hour: 9,
      minute: 0,
      timeZone: 'UTC',
      subscribedBy: 'U1',
      subscribedAt: new Date(now),
    });
    const one = costDeps(store, now, { runwayAlertDays: 3 });
    const two = costDeps(await db.open(), now, { runwayAlertDays: 3 });
    for (const deps of [one, two]) deps.gateway.account = { clientBalance: 48, currentSpendPerHr: 1 };
    await Promise.all([createCostService(one).checkAlerts(), createCostService(two).checkAlerts()]);
    const posts = [...one.notifier.posts, ...two.notifier.posts];
    expect(posts).toHaveLength(1);
    expect(posts[0]?.message.text).toContain(
      'balance of $48.00 lasts about 2 days at the current $1.00/h (alert below 3 days)',
    );
  });

  it('falls back to IDLE_CHANNEL when no channel subscribed to the digest', async () => {
    const deps = costDeps(store, now, { budgetPerHour: 1, idleChannel: 'CIDLE' });
    deps.gateway.account = { clientBalance: 1000, currentSpendPerHr: 2 };
    await createCostService(deps).checkAlerts();
    expect(deps.notifier.posts.map((p) => p.channel)).toEqual(['CIDLE']);
  });
});
