import { describe, expect, it } from 'vitest';
import { currentPods, effectiveSpendPerHour } from '../../../src/domain/cost-current.js';
import { networkVolumeUsdPerMonth, stoppedVolumeUsdPerDay } from '../../../src/domain/cost-rates.js';
import { billedInRange, billingDiffers } from '../../../src/domain/cost-reconcile.js';
import { savingsOf } from '../../../src/domain/cost-savings.js';
import { sample } from '../../fixtures/cost-samples.js';

const stop = (stoppedAt: string, resumedAt: string | null) => ({
  podId: 'p',
  podName: 'llama-ft',
  stoppedAt: new Date(stoppedAt),
  costPerHr: 2.5,
  ownerId: 'UALICE',
  resumedAt: resumedAt ? new Date(resumedAt) : null,
});

describe('saved by podwarden', () => {
  const from = new Date('2026-11-09T00:00:00Z');
  const to = new Date('2026-11-10T00:00:00Z');
  const now = new Date('2026-11-10T06:00:00Z');

  it('counts costPerHr × hours until resumed, or until now while still stopped', () => {
    const [resumed, still] = savingsOf(
      [stop('2026-11-09T20:00:00Z', '2026-11-09T22:00:00Z'), stop('2026-11-09T22:00:00Z', null)],
      from,
      to,
      now,
    );
    expect(resumed?.savedUsd).toBeCloseTo(5, 10);
    expect(still?.savedUsd).toBeCloseTo(2.5 * 8, 10);
    // Only the two hours up to midnight fall inside the day asked about.
    expect(still?.savedInPeriodUsd).toBeCloseTo(5, 10);
  });
});

describe('storage prices', () => {
  it('charges a stopped 100 GB volume $20 per 30-day month, and network volumes by size', () => {
    expect(stoppedVolumeUsdPerDay(100) * 30).toBeCloseTo(20, 10);
    expect(stoppedVolumeUsdPerDay(null)).toBe(0);
    expect(networkVolumeUsdPerMonth(500)).toBeCloseTo(35, 10);
    expect(networkVolumeUsdPerMonth(2000)).toBeCloseTo(100, 10);
  });
});

describe('RunPod billing reconciliation', () => {
  it("counts RunPod's day buckets in proportion to their overlap with the reader's day", () => {
    const records = [
      {
        podId: 'p',
        start: new Date('2026-11-09T00:00:00Z'),
        end: new Date('2026-11-10T00:00:00Z'),
        totalAmount: 24,
      },
      {
        podId: 'p',
        start: new Date('2026-11-10T00:00:00Z'),
        end: new Date('2026-11-11T00:00:00Z'),
        totalAmount: 48,
      },
    ];
    // The Berlin day of 10 Nov is 09 Nov 23:00Z to 10 Nov 23:00Z: 1 h of the first bucket, 23 h of the second.
    expect(
      billedInRange(records, new Date('2026-11-09T23:00:00Z'), new Date('2026-11-10T23:00:00Z')),
    ).toBeCloseTo(1 + 46, 10);
  });

  it('calls a difference of more than 2 % a difference', () => {
    expect(billingDiffers(100, 102)).toBe(false);
    expect(billingDiffers(100, 102.5)).toBe(true);
    expect(billingDiffers(0, 0.004)).toBe(false);
  });
});

describe('what runs now', () => {
  it('takes each pod from its latest fresh sample', () => {
    const now = new Date('2026-11-10T12:00:00Z');
    const pods = currentPods(
      [
        sample({ at: '2026-11-10T11:58:00Z', podId: 'a', status: 'EXITED' }),
        sample({ at: '2026-11-10T11:59:00Z', podId: 'a', costPerHr: 2, gpuUtil: [40, 60] }),
        sample({ at: '2026-11-10T11:59:00Z', podId: 'b', podName: 'old', status: 'EXITED', volumeInGb: 50 }),
        sample({ at: '2026-11-10T11:00:00Z', podId: 'c', podName: 'gone' }),
      ],
      now,
      60_000,
    );
    expect(pods.running.map((p) => [p.podId, p.costPerHr, p.gpuUtil])).toEqual([['a', 2, 50]]);
    expect(pods.storage.map((p) => [p.podName, p.volumeInGb])).toEqual([['old', 50]]);
  });
});

describe('the spend rate', () => {
  const running = currentPods(
    [sample({ at: '2026-11-10T11:59:00Z', costPerHr: 2.5 })],
    new Date('2026-11-10T12:00:00Z'),
    60_000,
  );
  const idle = currentPods([], new Date('2026-11-10T12:00:00Z'), 60_000);

  it("is RunPod's figure, or what podwarden sees running when RunPod's is unknown or a stale zero", () => {
    expect(effectiveSpendPerHour(3.1, running)).toBe(3.1);
    expect(effectiveSpendPerHour(null, running)).toBe(2.5);
    expect(effectiveSpendPerHour(0, running)).toBe(2.5);
    expect(effectiveSpendPerHour(0, idle)).toBe(0);
  });
});
