import { describe, expect, it } from 'vitest';
import { describeIdleDecision } from '../../../src/domain/idle-evidence.js';
import {
  busyShareBefore,
  type IdleTimingPolicy,
  idleDecision,
  idleTiming,
} from '../../../src/domain/idle-timing.js';
import { type IdleRule, isBusySample, isIdleSample } from '../../../src/domain/idle-verdict.js';
import type { PodSample } from '../../../src/domain/samples.js';
import {
  inWorkHours,
  parseWorkClock,
  parseWorkDays,
  type WorkHours,
} from '../../../src/domain/work-hours.js';

const MIN = 60_000;
const rule: IdleRule = {
  gpuUtilMax: 5,
  windowMs: 30 * MIN,
  warmupMs: 10 * MIN,
  pollIntervalMs: MIN,
  cpuBusyPercent: 20,
};
const OFFICE: WorkHours = { fromMinute: 9 * 60, toMinute: 18 * 60, days: [1, 2, 3, 4, 5] };
const policy: IdleTimingPolicy = {
  windowMs: 30 * MIN,
  graceMs: 30 * MIN,
  workHours: OFFICE,
  workWindowMs: 90 * MIN,
  offHoursGraceMs: 15 * MIN,
  steadyBusyPercent: 80,
  sporadicBusyPercent: 10,
  sporadicWindowMs: 90 * MIN,
  comeback: { comebacksMin: 3, afterComebackMs: 150 * MIN },
  fallbackZone: 'UTC',
};

const sample = (at: Date, gpu: number, cpu: number | null): PodSample => ({
  podId: 'p',
  podName: 'nb',
  at,
  status: 'RUNNING',
  ownerId: 'U1',
  costPerHr: 1,
  gpuCount: 1,
  gpuUtil: [gpu],
  gpuMem: [],
  cpuPercent: cpu,
  memoryPercent: null,
  uptimeSeconds: 86_400,
  hasRuntime: true,
  volumeInGb: 0,
  containerDiskInGb: 0,
});

/** Minutes of history ending at `now`, oldest first: `busy(m)` says whether minute m (0 = oldest) was busy. */
const history = (now: Date, minutes: number, busy: (m: number) => boolean): PodSample[] =>
  Array.from({ length: minutes + 1 }, (_, m) =>
    sample(new Date(now.getTime() - (minutes - m) * MIN), busy(m) ? 90 : 0, 1),
  );

describe('working hours', () => {
  it('parses hours and days, and refuses what is malformed', () => {
    expect(parseWorkClock('09:00-18:00')).toEqual({ fromMinute: 540, toMinute: 1080 });
    expect(parseWorkClock('18:00-09:00')).toBeNull();
    expect(parseWorkClock('9-18')).toBeNull();
    expect(parseWorkDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWorkDays('sun-thu')).toEqual([0, 1, 2, 3, 4]);
    expect(parseWorkDays('fri-mon')).toEqual([0, 1, 5, 6]);
    expect(parseWorkDays('mon,wed')).toEqual([1, 3]);
    expect(parseWorkDays('monday')).toBeNull();
  });

  it('reads the owner’s wall clock across a DST change: 07:30 UTC is 08:30 in Berlin before it and 09:30 after', () => {
    // Europe/Berlin springs forward on Sunday 2026-03-29; Friday the 27th is CET, Monday the 30th CEST.
    expect(inWorkHours(new Date('2026-03-27T07:30:00Z'), 'Europe/Berlin', OFFICE)).toBe(false);
    expect(inWorkHours(new Date('2026-03-30T07:30:00Z'), 'Europe/Berlin', OFFICE)).toBe(true);
    // Weekends are off whatever the hour; the day is the owner’s, not UTC’s.
    expect(inWorkHours(new Date('2026-03-28T10:00:00Z'), 'Europe/Berlin', OFFICE)).toBe(false);
    expect(inWorkHours(new Date('2026-03-30T00:30:00Z'), 'Asia/Tokyo', OFFICE)).toBe(true);
  });

  it('when DST ends the same UTC instant falls on another local hour: 19:00 UTC is 12:00 in Los Angeles before, 11:00 after', () => {
    const lunch: WorkHours = { fromMinute: 11 * 60 + 30, toMinute: 14 * 60 + 30, days: [1, 2, 3, 4, 5] };
    // America/Los_Angeles falls back on Sunday 2026-11-01: Friday the 30th is PDT, Monday the 2nd PST.
    expect(inWorkHours(new Date('2026-10-30T19:00:00Z'), 'America/Los_Angeles', lunch)).toBe(true);
    expect(inWorkHours(new Date('2026-11-02T19:00:00Z'), 'America/Los_Angeles', lunch)).toBe(false);
    expect(inWorkHours(new Date('2026-11-02T20:00:00Z'), 'America/Los_Angeles', lunch)).toBe(true);
  });

  it('an unknown or missing zone reads the clock in the fallback zone (DIGEST_TZ)', () => {
    const at = new Date('2026-11-02T12:40:00Z'); // Monday
    expect(idleTiming(policy, at, 'Mars/Olympus_Mons')).toMatchObject({
      timeZone: 'UTC',
      kind: 'work_hours',
    });
    expect(idleTiming(policy, at, null)).toMatchObject({ timeZone: 'UTC', kind: 'work_hours' });
    expect(idleTiming(policy, at, 'America/Los_Angeles')).toMatchObject({
      kind: 'off_hours', // 04:40 there
      windowMs: 30 * MIN,
      graceMs: 15 * MIN,
    });
    expect(idleTiming({ ...policy, workHours: null }, at, null)).toMatchObject({
      kind: 'off_hours',
      windowMs: 30 * MIN,
      graceMs: 30 * MIN,
    });
  });
});

describe('CPU activity', () => {
  it('a working CPU makes a quiet-GPU sample busy; without CPU data the GPUs decide alone', () => {
    const at = new Date('2026-11-02T12:00:00Z');
    expect(isIdleSample(sample(at, 0, 95), rule)).toBe(false);
    expect(isBusySample(sample(at, 0, 95), rule)).toBe(true);
    expect(isIdleSample(sample(at, 0, 20), rule)).toBe(true);
    expect(isIdleSample(sample(at, 0, null), rule)).toBe(true);
    expect(isBusySample(sample(at, 0, null), rule)).toBe(false);
    expect(isIdleSample(sample(at, 0, 95), { ...rule, cpuBusyPercent: null })).toBe(true);
  });
});

describe('idleDecision', () => {
  const monday = new Date('2026-11-02T12:40:00Z');

  it('during working hours a notebook quiet for 40 min is not asked yet; at night it is', () => {
    // Bursty use (every third minute busy) for an hour, then 40 quiet minutes.
    const samples = history(monday, 100, (m) => m < 60 && m % 3 === 0);
    const day = idleDecision({
      samples,
      now: monday,
      runningSince: null,
      rule,
      timing: policy,
      ownerZone: 'UTC',
    });
    expect(day.timing).toMatchObject({ kind: 'work_hours', windowMs: 90 * MIN });
    expect(day.verdict.idle).toBe(false);
    const night = idleDecision({
      samples,
      now: monday,
      runningSince: null,
      rule,
      timing: policy,
      ownerZone: 'America/Los_Angeles',
    });
    expect(night.timing).toMatchObject({ kind: 'off_hours', graceMs: 15 * MIN });
    expect(night.verdict.idle).toBe(true);
  });

  it('right after a steady job the working-hours patience does not apply', () => {
    const samples = history(monday, 100, (m) => m < 60);
    const decision = idleDecision({
      samples,
      now: monday,
      runningSince: null,
      rule,
      timing: policy,
      ownerZone: 'UTC',
    });
    expect(decision.timing).toMatchObject({ kind: 'after_job', windowMs: 30 * MIN });
    expect(decision.verdict.idle).toBe(true);
  });

  it('a pod that only wakes up now and then gets the sporadic window, at any hour', () => {
    const night = new Date('2026-11-02T02:40:00Z');
    const samples = history(night, 100, (m) => m === 20);
    const decision = idleDecision({
      samples,
      now: night,
      runningSince: null,
      rule,
      timing: policy,
      ownerZone: 'UTC',
    });
    expect(decision.timing).toMatchObject({ kind: 'sporadic', windowMs: 90 * MIN });
    expect(decision.verdict.idle).toBe(false);
  });

  it('samples without memory data tell what the pod was doing as well as full ones', () => {
    const night = new Date('2026-11-02T02:40:00Z');
    const full = history(night, 100, (m) => m === 20);
    const bare = full.map((s) => ({ ...s, gpuMem: [], memoryPercent: null }));
    expect(busyShareBefore(bare, night, rule)).toBe(busyShareBefore(full, night, rule));
    const decide = (samples: PodSample[]) =>
      idleDecision({ samples, now: night, runningSince: null, rule, timing: policy, ownerZone: 'UTC' });
    expect(decide(bare)).toEqual(decide(full));
  });

  it('too little history before the quiet stretch says nothing about what the pod was doing', () => {
    const samples = history(monday, 35, () => false);
    expect(busyShareBefore(samples, monday, rule)).toBeNull();
    const decision = idleDecision({
      samples,
      now: monday,
      runningSince: null,
      rule,
      timing: policy,
      ownerZone: 'UTC',
    });
    expect(decision.timing.kind).toBe('work_hours');
  });
});

describe('describeIdleDecision', () => {
  const base = { idleMs: 42 * MIN, rule: { gpuUtilMax: 5, windowMs: 30 * MIN, warmupMs: 0 } };

  it('names the rule that fired and the grace in one line', () => {
    const timing = { kind: 'work_hours' as const, graceMs: 90 * MIN, workHours: '09:00–18:00 Mon–Fri' };
    expect(describeIdleDecision({ ...base, timing }, { whose: 'your', stops: true })).toBe(
      'idle 42 min during your working hours (09:00–18:00 Mon–Fri): you get 1 h 30 min before the stop',
    );
    expect(
      describeIdleDecision(
        { ...base, timing: { ...timing, kind: 'off_hours' } },
        { whose: 'team', stops: false },
      ),
    ).toBe('idle 42 min outside working hours (09:00–18:00 Mon–Fri): you get 1 h 30 min to answer');
    expect(describeIdleDecision(base, { whose: 'your', stops: true })).toBe(
      'idle 42 min (every GPU ≤ 5 % for 30 min)',
    );
  });
});
