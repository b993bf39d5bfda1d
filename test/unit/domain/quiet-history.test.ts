import { describe, expect, it } from 'vitest';
import { describeIdleDecision } from '../../../src/domain/idle-evidence.js';
import { type IdleTimingPolicy, idleDecision } from '../../../src/domain/idle-timing.js';
import type { IdleRule } from '../../../src/domain/idle-verdict.js';
import { comebackWait, quietHistory } from '../../../src/domain/quiet-history.js';
import type { PodSample } from '../../../src/domain/samples.js';

const MIN = 60_000;
const rule: IdleRule = {
  gpuUtilMax: 5,
  windowMs: 30 * MIN,
  warmupMs: 10 * MIN,
  pollIntervalMs: MIN,
  cpuBusyPercent: 30,
};
const policy: IdleTimingPolicy = {
  windowMs: 30 * MIN,
  graceMs: 30 * MIN,
  workHours: { fromMinute: 11 * 60 + 30, toMinute: 14 * 60 + 30, days: [1, 2, 3, 4, 5] },
  workWindowMs: 90 * MIN,
  offHoursGraceMs: 10 * MIN,
  steadyBusyPercent: 80,
  sporadicBusyPercent: 10,
  sporadicWindowMs: 90 * MIN,
  comeback: { comebacksMin: 3, afterComebackMs: 150 * MIN },
  fallbackZone: 'UTC',
};

/** A night on a server: 02:00 UTC on a Monday, `minutes` of samples ending now. */
const NOW = new Date('2026-11-16T04:00:00Z');

const sample = (minutesAgo: number, busy: boolean, over: Partial<PodSample> = {}): PodSample => ({
  podId: 'p',
  podName: 'demo',
  at: new Date(NOW.getTime() - minutesAgo * MIN),
  status: 'RUNNING',
  ownerId: 'U1',
  costPerHr: 1,
  gpuCount: 1,
  gpuUtil: [busy ? 30 : 0],
  gpuMem: [50],
  cpuPercent: 2,
  memoryPercent: 20,
  uptimeSeconds: 86_400,
  hasRuntime: true,
  volumeInGb: 0,
  containerDiskInGb: 0,
  ...over,
});

/** One sample a minute from `from` minutes ago (busy) to now, busy at the given minutes ago. */
const samples = (
  from: number,
  busyAt: readonly number[],
  over: (m: number) => Partial<PodSample> = () => ({}),
) =>
  Array.from({ length: from + 1 }, (_, i) => from - i).map((m) =>
    sample(m, m === from || busyAt.includes(m), over(m)),
  );

describe('quietHistory', () => {
  it('lists the quiet stretches of 15 min to 6 h the pod came back from, and the current one', () => {
    // Quiet 9 min (too short), 29, 9, 169, 79, then quiet for 119 min.
    const history = quietHistory(samples(420, [410, 380, 370, 200, 120]), rule);
    expect(history.comebacks.map((c) => (c.backAt.getTime() - c.quietFrom.getTime()) / MIN)).toEqual([
      29, 169, 79,
    ]);
    expect(history.quietSince).toEqual(new Date(NOW.getTime() - 119 * MIN));
  });

  it('a stop breaks a stretch: a pod started again did not come back on its own', () => {
    const history = quietHistory(
      samples(100, [100, 10], (m) => (m === 20 ? { status: 'EXITED', gpuUtil: [], hasRuntime: false } : {})),
      rule,
    );
    expect(history.comebacks).toEqual([]);
  });

  it('missing samples and samples without runtime or memory data neither end nor break a stretch', () => {
    const gappy = samples(100, [100, 10]).filter((s) => {
      const m = (NOW.getTime() - s.at.getTime()) / MIN;
      return m < 60 || m > 70;
    });
    const noData = (m: number): Partial<PodSample> =>
      m === 40 ? { hasRuntime: false, gpuUtil: [], cpuPercent: null } : { gpuMem: [], memoryPercent: null };
    for (const history of [quietHistory(gappy, rule), quietHistory(samples(100, [100, 10], noData), rule)]) {
      expect(history.comebacks).toHaveLength(1);
      expect(
        (history.comebacks[0]?.backAt.getTime() ?? 0) - (history.comebacks[0]?.quietFrom.getTime() ?? 0),
      ).toBe(89 * MIN);
    }
  });

  it('reads the share of busy samples in the hour before the current stretch; too few say nothing', () => {
    expect(quietHistory(samples(200, [150, 120]), rule).busyShareBefore).toBeCloseTo(2 / 60);
    expect(quietHistory(samples(125, [120]), rule).busyShareBefore).toBeNull();
    expect(quietHistory(samples(10, [0]), rule)).toMatchObject({ quietSince: null, busyShareBefore: null });
  });
});

describe('comebackWait', () => {
  const history = quietHistory(samples(300, [280, 250, 200, 140]), rule);

  it('from IDLE_COMEBACKS comebacks in the last day on, the prompt waits IDLE_AFTER_COMEBACK', () => {
    expect(comebackWait(history, NOW, policy.comeback)).toEqual({
      waitMs: 150 * MIN,
      comebacks: 4,
      longestMs: 59 * MIN,
    });
    expect(comebackWait(history, NOW, { ...policy.comeback, comebacksMin: 5 })).toBeNull();
    expect(comebackWait(history, NOW, { ...policy.comeback, comebacksMin: null })).toBeNull();
  });

  it('comebacks older than the look-back are forgotten', () => {
    expect(comebackWait(history, NOW, policy.comeback, 3 * 60 * MIN)).toBeNull();
  });
});

describe('idleDecision with the pod’s history', () => {
  // A server with stray requests: busy every 20–60 min, then quiet for 100 min at night.
  const window = samples(300, [280, 250, 200, 170, 140, 100]);
  const decide = (history: ReturnType<typeof quietHistory> | null, now = NOW) =>
    idleDecision({
      samples: window.filter((s) => s.at >= new Date(now.getTime() - 92 * MIN)),
      now,
      runningSince: null,
      rule,
      timing: policy,
      ownerZone: 'UTC',
      history,
    });

  it('a pod that wakes now and then and came back from quiet again and again is not asked yet', () => {
    const decision = decide(quietHistory(window, rule));
    expect(decision.verdict).toEqual({ idle: false, reason: 'comes_back' });
    expect(decision.timing.kind).toBe('comeback');
    expect(decision.comeback).toMatchObject({ comebacks: 6, longestMs: 49 * MIN });
  });

  it('after IDLE_AFTER_COMEBACK of quiet it is, and the stretch counts from the stored history', () => {
    const later = new Date(NOW.getTime() + 51 * MIN);
    const quiet = [...window, ...Array.from({ length: 51 }, (_, i) => sample(-(i + 1), false))];
    const decision = idleDecision({
      samples: quiet.filter((s) => s.at >= new Date(later.getTime() - 92 * MIN)),
      now: later,
      runningSince: null,
      rule,
      timing: policy,
      ownerZone: 'UTC',
      history: quietHistory(quiet, rule),
    });
    expect(decision.verdict.idle).toBe(true);
    if (decision.verdict.idle) expect(later.getTime() - decision.verdict.idleSince.getTime()).toBe(150 * MIN);
    expect(decision.timing.kind).toBe('comeback');
  });

  it('without the history (not read, or unreadable) the samples at hand decide as before', () => {
    const decision = decide(null);
    // The hour before the stretch is out of the samples at hand: what the pod was doing is unknown.
    expect(decision.timing.kind).toBe('off_hours');
    expect(decision.verdict.idle).toBe(true);
    expect(decision.comeback).toBeUndefined();
  });

  it('a notebook whose owner came back from lunch and meetings is not held: it did not wake by itself', () => {
    // Busy every minute for the hour before the quiet stretch (a person at work), three comebacks.
    const busy = [280, 250, 200, ...Array.from({ length: 60 }, (_, i) => 160 + i)];
    const notebook = samples(300, busy);
    const decision = idleDecision({
      samples: notebook.filter((s) => s.at >= new Date(NOW.getTime() - 92 * MIN)),
      now: NOW,
      runningSince: null,
      rule,
      timing: policy,
      ownerZone: 'UTC',
      history: quietHistory(notebook, rule),
    });
    expect(decision.timing.kind).toBe('off_hours');
    expect(decision.verdict.idle).toBe(true);
  });

  it('the owner’s clock plays no part: an unknown zone, or a night when DST ends, holds the pod alike', () => {
    expect(
      idleDecision({
        samples: window.filter((s) => s.at >= new Date(NOW.getTime() - 92 * MIN)),
        now: NOW,
        runningSince: null,
        rule,
        timing: policy,
        ownerZone: 'Mars/Olympus_Mons',
        history: quietHistory(window, rule),
      }).verdict,
    ).toEqual({ idle: false, reason: 'comes_back' });
    // Los Angeles falls back at 09:00 UTC on 2026-11-01: stretches are real minutes across it.
    const dst = new Date('2026-11-01T10:00:00Z');
    const shifted = window.map((s) => ({
      ...s,
      at: new Date(s.at.getTime() - NOW.getTime() + dst.getTime()),
    }));
    const history = quietHistory(shifted, rule);
    expect(history.comebacks).toHaveLength(6);
    expect(dst.getTime() - (history.quietSince?.getTime() ?? 0)).toBe(99 * MIN);
    expect(
      idleDecision({
        samples: shifted.filter((s) => s.at >= new Date(dst.getTime() - 92 * MIN)),
        now: dst,
        runningSince: null,
        rule,
        timing: policy,
        ownerZone: 'America/Los_Angeles',
        history,
      }).verdict,
    ).toEqual({ idle: false, reason: 'comes_back' });
  });

  it('the prompt names the rule in one line', () => {
    const line = describeIdleDecision(
      {
        idleMs: 150 * MIN,
        rule: { gpuUtilMax: 5, windowMs: 90 * MIN, warmupMs: 0 },
        timing: {
          kind: 'comeback',
          graceMs: 10 * MIN,
          workHours: null,
          comebacks: 5,
          longestComebackMs: 40 * MIN,
        },
      },
      { whose: 'your', stops: true },
    );
    expect(line).toBe(
      'idle 2 h 30 min, and it came back on its own from quiet 5 times in the last day (longest 40 min): you get 10 min before the stop',
    );
  });
});
