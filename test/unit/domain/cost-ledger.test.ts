import { describe, expect, it } from 'vitest';
import { combinePieces, integrateSamples } from '../../../src/domain/cost-ledger.js';
import { costRange } from '../../../src/domain/cost-period.js';
import { planRollup } from '../../../src/domain/cost-rollup.js';
import { summarizeCost } from '../../../src/domain/cost-summary.js';
import { sample, series } from '../../fixtures/cost-samples.js';

const MINUTE = 60_000;
const options = (now: string) => ({ pollIntervalMs: MINUTE, idleGpuUtil: 5, now: new Date(now) });

function total(samples: ReturnType<typeof series>, from: string | Date, to: string | Date, now: string) {
  return summarizeCost(integrateSamples(samples, options(now)), new Date(from), new Date(to));
}

describe('integrating samples into spend', () => {
  it('charges costPerHr for each second a pod runs', () => {
    const samples = series({ from: '2026-11-10T09:00:00Z', to: '2026-11-10T10:00:00Z', costPerHr: 2.4 });
    const summary = total(samples, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', '2026-11-11T00:00:00Z');
    expect(summary.totals.runningSeconds).toBe(3600);
    expect(summary.totals.computeUsd).toBeCloseTo(2.4, 10);
    expect(summary.totals.gpuSeconds).toBe(3600);
  });

  it('bridges a gap of up to two poll intervals and reports a longer one as unknown, not charged', () => {
    // Samples at 09:00, 09:01, 09:02, then podwarden is down until 09:30, then 09:30..09:59.
    const samples = [
      ...series({ from: '2026-11-10T09:00:00Z', to: '2026-11-10T09:03:00Z', costPerHr: 6 }),
      ...series({ from: '2026-11-10T09:30:00Z', to: '2026-11-10T10:00:00Z', costPerHr: 6 }),
    ];
    const summary = total(samples, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', '2026-11-11T00:00:00Z');
    // Covered: 09:00-09:02 (2 min), 09:02 holds for 2 min (cap), 09:30-10:00 (30 min) = 34 min.
    expect(summary.totals.runningSeconds).toBe(34 * 60);
    expect(summary.totals.unknownSeconds).toBe(26 * 60);
    expect(summary.totals.computeUsd).toBeCloseTo((6 * 34) / 60, 10);
  });

  it('lets the last sample hold one poll interval, never past now', () => {
    const samples = [sample({ at: '2026-11-10T09:00:00Z', costPerHr: 3.6 })];
    expect(
      total(samples, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', '2026-11-10T09:00:20Z').totals
        .runningSeconds,
    ).toBe(20);
    expect(
      total(samples, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', '2026-11-10T12:00:00Z').totals
        .runningSeconds,
    ).toBe(60);
  });

  it('splits spend into idle and busy: idle only when every GPU is at or below the threshold', () => {
    const samples = series({
      from: '2026-11-10T09:00:00Z',
      to: '2026-11-10T12:00:00Z',
      costPerHr: 2,
      gpuCount: 2,
      // 09:xx both GPUs idle; 10:xx one GPU busy; 11:xx runtime missing (counts as busy).
      vary: (at) =>
        at.getUTCHours() === 9
          ? { gpuUtil: [5, 0] }
          : at.getUTCHours() === 10
            ? { gpuUtil: [3, 60] }
            : { gpuUtil: [], hasRuntime: false },
    });
    const { totals } = total(samples, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', '2026-11-11T00:00:00Z');
    expect(totals.idleSeconds).toBe(3600);
    expect(totals.idleUsd).toBeCloseTo(2, 10);
    expect(totals.busyUsd).toBeCloseTo(4, 10);
    expect(totals.idleGpuSeconds).toBe(7200);
  });

  it('attributes spend to the owner at the time when a pod changes hands mid-day', () => {
    const samples = series({
      from: '2026-11-10T08:00:00Z',
      to: '2026-11-10T11:00:00Z',
      costPerHr: 1.5,
      vary: (at) => ({ ownerId: at.getUTCHours() < 10 ? 'UALICE' : 'UBOB' }),
    });
    const summary = total(samples, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', '2026-11-11T00:00:00Z');
    const owners = Object.fromEntries(summary.byOwner.map((o) => [o.ownerId, o.totalUsd]));
    expect(owners.UALICE).toBeCloseTo(3, 10);
    expect(owners.UBOB).toBeCloseTo(1.5, 10);
    expect(summary.byPod).toHaveLength(1);
    expect(summary.byPod[0]?.ownerId).toBe('UBOB');
  });

  it('charges compute while running and volume storage while stopped, for a pod stopped and resumed in one day', () => {
    const samples = series({
      from: '2026-11-10T09:00:00Z',
      to: '2026-11-10T15:00:00Z',
      costPerHr: 2,
      volumeInGb: 100,
      vary: (at) => {
        const h = at.getUTCHours();
        return h >= 10 && h < 14 ? { status: 'EXITED', gpuUtil: [], hasRuntime: false } : {};
      },
    });
    const { totals } = total(samples, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', '2026-11-11T00:00:00Z');
    expect(totals.runningSeconds).toBe(2 * 3600);
    expect(totals.computeUsd).toBeCloseTo(4, 10);
    // 4 h stopped × 100 GB × $0.20 per GB per 30-day month.
    expect(totals.storageUsd).toBeCloseTo((4 * 100 * 0.2) / 720, 10);
    expect(totals.totalUsd).toBeCloseTo(4 + 4 * (20 / 720), 10);
  });

  it('cuts days at local midnight in the reader zone, not at UTC midnight', () => {
    // A pod running 03:00Z-07:00Z on 10 Nov at $1/h. In New York (UTC-5) 03:00Z-05:00Z is still 9 Nov.
    const samples = series({ from: '2026-11-10T03:00:00Z', to: '2026-11-10T07:00:00Z', costPerHr: 1 });
    const now = new Date('2026-11-10T18:00:00Z');
    const pieces = integrateSamples(samples, options(now.toISOString()));
    const ny = 'America/New_York';
    const today = costRange('today', now, ny);
    const yesterday = costRange('yesterday', now, ny);
    expect(today.from.toISOString()).toBe('2026-11-10T05:00:00.000Z');
    expect(summarizeCost(pieces, today.from, today.to).totals.computeUsd).toBeCloseTo(2, 10);
    expect(summarizeCost(pieces, yesterday.from, yesterday.to).totals.computeUsd).toBeCloseTo(2, 10);
    // In Tokyo (UTC+9) it is already 11 Nov: all four hours were yesterday.
    const tokyoToday = costRange('today', now, 'Asia/Tokyo');
    const tokyoYesterday = costRange('yesterday', now, 'Asia/Tokyo');
    expect(summarizeCost(pieces, tokyoToday.from, tokyoToday.to).totals.computeUsd).toBe(0);
    expect(summarizeCost(pieces, tokyoYesterday.from, tokyoYesterday.to).totals.computeUsd).toBeCloseTo(
      4,
      10,
    );
  });

  it('counts a 23-hour DST day (spring) and a 25-hour DST day (autumn) in Europe/Berlin', () => {
    const berlin = 'Europe/Berlin';
    const always = (from: string, to: string) =>
      series({ from, to, costPerHr: 1, stepMs: 5 * MINUTE, podId: 'p', podName: 'always-on' });
    const spring = always('2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z');
    const springPieces = integrateSamples(spring, {
      pollIntervalMs: 5 * MINUTE,
      idleGpuUtil: 5,
      now: new Date('2026-03-30T12:00:00Z'),
    });
    const springDay = costRange('yesterday', new Date('2026-03-30T10:00:00Z'), berlin);
    expect(springDay.to.getTime() - springDay.from.getTime()).toBe(23 * 3_600_000);
    expect(summarizeCost(springPieces, springDay.from, springDay.to).totals.computeUsd).toBeCloseTo(23, 10);

    const autumn = always('2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z');
    const autumnPieces = integrateSamples(autumn, {
      pollIntervalMs: 5 * MINUTE,
      idleGpuUtil: 5,
      now: new Date('2026-10-26T12:00:00Z'),
    });
    const autumnDay = costRange('yesterday', new Date('2026-10-26T10:00:00Z'), berlin);
    expect(autumnDay.to.getTime() - autumnDay.from.getTime()).toBe(25 * 3_600_000);
    expect(summarizeCost(autumnPieces, autumnDay.from, autumnDay.to).totals.computeUsd).toBeCloseTo(25, 10);
  });

  it('keeps totals unchanged when raw samples are folded into hourly aggregates', () => {
    const now = '2026-11-13T12:30:00Z';
    const samples = [
      ...series({
        from: '2026-11-10T06:00:00Z',
        to: '2026-11-11T18:00:00Z',
        costPerHr: 2.5,
        vary: (at) => ({
          gpuUtil: at.getUTCHours() % 3 === 0 ? [1] : [70],
          ownerId: at.getUTCMinutes() < 20 ? 'UALICE' : 'UBOB',
        }),
      }),
      ...series({
        from: '2026-11-11T18:00:00Z',
        to: '2026-11-13T12:30:00Z',
        costPerHr: 2.5,
        status: 'EXITED',
        gpuUtil: [],
        hasRuntime: false,
        volumeInGb: 50,
      }),
    ];
    const opts = options(now);
    const from = new Date('2026-11-10T00:00:00Z');
    const to = new Date(now);
    const before = summarizeCost(integrateSamples(samples, opts), from, to);

    const plan = planRollup(samples, new Set(), opts);
    expect(plan.foldedBefore.toISOString()).toBe('2026-11-11T12:00:00.000Z');
    const kept = samples.filter((s) => s.at.getTime() >= plan.deleteBefore.getTime());
    const after = summarizeCost(combinePieces(kept, plan.aggregates, opts), from, to);
    expect(after.totals.computeUsd).toBeCloseTo(before.totals.computeUsd, 9);
    expect(after.totals.storageUsd).toBeCloseTo(before.totals.storageUsd, 9);
    expect(after.totals.idleUsd).toBeCloseTo(before.totals.idleUsd, 9);

    // A second fold an hour later adds the next hour and does not rewrite what was folded.
    const later = options('2026-11-13T13:30:00Z');
    const folded = new Set(plan.aggregates.map((a) => `${a.podId}@${a.hour.getTime()}`));
    const second = planRollup(kept, folded, later);
    expect(second.aggregates.map((a) => a.hour.toISOString())).toEqual(['2026-11-11T12:00:00.000Z']);
    const kept2 = kept.filter((s) => s.at.getTime() >= second.deleteBefore.getTime());
    const again = summarizeCost(
      combinePieces(kept2, [...plan.aggregates, ...second.aggregates], later),
      from,
      to,
    );
    expect(again.totals.totalUsd).toBeCloseTo(before.totals.totalUsd, 9);

    // 06:xx is an idle hour (6 % 3 === 0); Bob held the pod 40 of its 60 minutes, so the hour is his.
    const first = plan.aggregates.find((a) => a.hour.toISOString() === '2026-11-10T06:00:00.000Z');
    expect(first).toMatchObject({
      ownerId: 'UBOB',
      runningSeconds: 3600,
      samples: 60,
      maxGpuUtil: 1,
      idleSeconds: 3600,
    });
    expect(first?.costUsd).toBeCloseTo(2.5, 10);
  });
});
