import { describe, expect, it } from 'vitest';
import type { HourlyAggregate, PodSample } from '../../../src/domain/samples.js';
import {
  longStoppedPods,
  nudgeDue,
  stoppedSince,
  stoppedStorage,
} from '../../../src/domain/stopped-nudge.js';

const NOW = new Date('2026-11-30T10:00:00Z');
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const DAY = 86_400_000;

const sample = (podId: string, at: Date, status: string, volumeInGb = 100): PodSample => ({
  podId,
  podName: `${podId}-name`,
  at,
  status,
  ownerId: 'U_ALICE',
  costPerHr: 1,
  gpuCount: 1,
  gpuUtil: [],
  gpuMem: [],
  cpuPercent: null,
  memoryPercent: null,
  uptimeSeconds: null,
  hasRuntime: false,
  volumeInGb,
  containerDiskInGb: 20,
});

const hour = (podId: string, at: Date, runningSeconds: number) =>
  ({ podId, hour: at, runningSeconds }) as HourlyAggregate;

describe('stoppedSince', () => {
  it('starts the stretch at the last sample that saw the pod running', () => {
    const samples = [
      sample('a', ago(5), 'RUNNING'),
      sample('a', ago(4), 'RUNNING'),
      sample('a', ago(3), 'EXITED'),
    ];
    expect(stoppedSince('a', samples, [hour('a', ago(30), 3600)], NOW)).toEqual({
      since: ago(4),
      exact: true,
    });
  });

  it('falls back to the end of the last hour it ran, from the hourly aggregates', () => {
    const hours = [
      hour('a', ago(200), 3600),
      hour('a', ago(100), 1800),
      hour('a', ago(50), 0),
      hour('b', ago(2), 3600),
    ];
    expect(stoppedSince('a', [sample('a', ago(1), 'EXITED')], hours, NOW)).toEqual({
      since: ago(99),
      exact: true,
    });
  });

  it('says "at least since" the earliest trace when podwarden never saw it run, and now without any trace', () => {
    const hours = [hour('a', ago(300), 0), hour('a', ago(200), 0)];
    expect(stoppedSince('a', [sample('a', ago(1), 'EXITED')], hours, NOW)).toEqual({
      since: ago(300),
      exact: false,
    });
    expect(stoppedSince('z', [], hours, NOW)).toEqual({ since: NOW, exact: false });
  });
});

describe('nudgeDue', () => {
  const base = { podId: 'a', podName: 'a', sinceExact: true, snoozedBy: null };
  it('is due once the pod has been stopped the whole delay, then only after a snooze ends', () => {
    expect(
      nudgeDue({ ...base, since: ago(24 * 7 - 1), nudgedAt: null, snoozedUntil: null }, NOW, 7 * DAY),
    ).toBe(false);
    expect(nudgeDue({ ...base, since: ago(24 * 7), nudgedAt: null, snoozedUntil: null }, NOW, 7 * DAY)).toBe(
      true,
    );
    expect(
      nudgeDue({ ...base, since: ago(24 * 30), nudgedAt: ago(1), snoozedUntil: null }, NOW, 7 * DAY),
    ).toBe(false);
    expect(
      nudgeDue({ ...base, since: ago(24 * 30), nudgedAt: ago(9), snoozedUntil: ago(-1) }, NOW, 7 * DAY),
    ).toBe(false);
    expect(
      nudgeDue({ ...base, since: ago(24 * 30), nudgedAt: ago(9), snoozedUntil: NOW }, NOW, 7 * DAY),
    ).toBe(true);
  });
});

describe('stoppedStorage', () => {
  it('charges a stopped volume $0.20 per GB per 30-day month, nothing without a volume', () => {
    const cost = stoppedStorage(500, ago(24 * 15), NOW);
    expect(cost.perMonthUsd).toBeCloseTo(100, 10);
    expect(cost.soFarUsd).toBeCloseTo(50, 10);
    expect(stoppedStorage(null, ago(24), NOW)).toEqual({ soFarUsd: 0, perMonthUsd: 0 });
  });
});

describe('longStoppedPods', () => {
  it('lists stretches past the delay whose pod is still stopped, dearest first', () => {
    const stretch = (podId: string, hoursAgo: number) => ({
      podId,
      podName: podId,
      since: ago(hoursAgo),
      sinceExact: true,
      nudgedAt: null,
      snoozedUntil: null,
      snoozedBy: null,
    });
    const latest = new Map([
      ['a', sample('a', NOW, 'EXITED', 50)],
      ['b', sample('b', NOW, 'EXITED', 500)],
      ['c', sample('c', NOW, 'RUNNING')],
      ['d', sample('d', NOW, 'EXITED')],
    ]);
    const pods = longStoppedPods(
      [
        stretch('a', 24 * 8),
        stretch('b', 24 * 9),
        stretch('c', 24 * 9),
        stretch('d', 24),
        stretch('gone', 24 * 9),
      ],
      latest,
      NOW,
      7 * DAY,
    );
    expect(pods.map((p) => [p.podId, p.usdPerMonth])).toEqual([
      ['b', 100],
      ['a', 10],
    ]);
  });
});
