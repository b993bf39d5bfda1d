import { describe, expect, it } from 'vitest';
import {
  DEADLINE_RECHECK_MS,
  deadlineVerdict,
  type IdleRule,
  idleStretchStart,
  idleVerdict,
} from '../../../src/domain/idle-verdict.js';
import type { PodSample } from '../../../src/domain/samples.js';

const MIN = 60_000;
const rule: IdleRule = { gpuUtilMax: 5, windowMs: 30 * MIN, warmupMs: 10 * MIN, pollIntervalMs: MIN };
const NOW = new Date('2026-11-02T12:00:00Z');

type Step = number[] | 'missing' | 'no-runtime' | 'exited';

/** One sample per minute, the last one at NOW; each step gives the per-GPU utilization. */
function series(steps: Step[], overrides: Partial<PodSample> = {}): PodSample[] {
  const samples: PodSample[] = [];
  steps.forEach((step, i) => {
    if (step === 'missing') return;
    const at = new Date(NOW.getTime() - (steps.length - 1 - i) * MIN);
    const base: PodSample = {
      podId: 'pod1',
      podName: 'llama-ft',
      at,
      status: 'RUNNING',
      ownerId: 'U1',
      costPerHr: 2.49,
      gpuCount: 2,
      gpuUtil: [],
      gpuMem: [],
      cpuPercent: 3,
      memoryPercent: 20,
      uptimeSeconds: 7200,
      hasRuntime: true,
      volumeInGb: 50,
      containerDiskInGb: 20,
    };
    if (step === 'no-runtime') samples.push({ ...base, hasRuntime: false, ...overrides });
    else if (step === 'exited') samples.push({ ...base, status: 'EXITED', hasRuntime: false, ...overrides });
    else samples.push({ ...base, gpuUtil: step, gpuMem: step.map(() => 40), ...overrides });
  });
  return samples;
}

const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);
const idle = [0, 1];
const busy = [97, 95];

type Case = { name: string; samples: PodSample[]; runningSince?: Date | null; expected: string };

const cases: Case[] = [
  { name: 'idle for the whole window (31 samples)', samples: series(repeat(31, idle)), expected: 'idle' },
  { name: 'idle for two hours', samples: series(repeat(121, idle)), expected: 'idle' },
  {
    name: 'idle exactly at the threshold (5 %)',
    samples: series(repeat(31, [5, 5])),
    expected: 'idle',
  },
  {
    name: 'one GPU at 6 % once',
    samples: series([...repeat(15, idle), [6, 0], ...repeat(15, idle)]),
    expected: 'busy',
  },
  {
    name: 'one GPU busy, the other idle (every GPU must be idle)',
    samples: series(repeat(31, [0, 80])),
    expected: 'busy',
  },
  {
    name: 'training with a 10-minute checkpoint dip at 0 %',
    samples: series([...repeat(20, busy), ...repeat(10, [0, 0]), ...repeat(20, busy)]),
    expected: 'busy',
  },
  {
    name: 'checkpoint dip just ended: 10 min at 0 %, busy before',
    samples: series([...repeat(40, busy), ...repeat(10, [0, 0])]),
    expected: 'busy',
  },
  {
    name: 'idle for 27 minutes only (window not covered)',
    samples: series(repeat(28, idle)),
    expected: 'gap',
  },
  {
    name: 'idle from the first sample, 29 minutes ago (the window starts before it)',
    samples: series(repeat(30, idle)),
    expected: 'gap',
  },
  {
    name: 'exactly covered: the first sample at the window’s start',
    samples: series(repeat(31, idle)),
    expected: 'idle',
  },
  {
    name: 'a late first sample: 30 s after the window’s start',
    samples: series(repeat(31, idle)).map((s, i) =>
      i === 0 ? { ...s, at: new Date(s.at.getTime() + 30_000) } : s,
    ),
    expected: 'gap',
  },
  {
    name: 'the sample before the window’s start tells its state: idle',
    samples: series([idle, 'missing', ...repeat(30, idle)]),
    expected: 'idle',
  },
  {
    name: 'the sample before the window’s start tells its state: busy',
    samples: series([busy, 'missing', ...repeat(30, idle)]),
    expected: 'busy',
  },
  {
    name: 'a 3-minute hole in the samples',
    samples: series([...repeat(14, idle), 'missing', 'missing', ...repeat(15, idle)]),
    expected: 'gap',
  },
  {
    name: 'one missing sample is tolerated (gap of two intervals)',
    samples: series([...repeat(15, idle), 'missing', ...repeat(15, idle)]),
    expected: 'idle',
  },
  {
    name: 'stale: the newest sample is 5 minutes old',
    samples: series([...repeat(31, idle), ...repeat(5, 'missing' as const)]),
    expected: 'no_samples',
  },
  { name: 'no samples at all', samples: [], expected: 'no_samples' },
  {
    name: 'a sample without runtime in the window',
    samples: series([...repeat(15, idle), 'no-runtime', ...repeat(15, idle)]),
    expected: 'no_runtime',
  },
  {
    name: 'a GPU whose utilization is unknown',
    samples: series(repeat(31, [0])),
    expected: 'no_runtime',
  },
  { name: 'stopped now', samples: series([...repeat(31, idle), 'exited']), expected: 'not_running' },
  {
    name: 'a 0-GPU pod never idles',
    samples: series(repeat(31, []), { gpuCount: 0 }),
    expected: 'no_gpus',
  },
  {
    name: 'warm-up: RunPod uptime 9 minutes',
    samples: series(repeat(31, idle), { uptimeSeconds: 9 * 60 }),
    expected: 'warmup',
  },
  {
    name: 'warm-up: uptime unknown, first seen running 5 minutes ago',
    samples: series(repeat(31, idle), { uptimeSeconds: null }),
    runningSince: new Date(NOW.getTime() - 5 * MIN),
    expected: 'warmup',
  },
  {
    name: 'uptime unknown, first seen running an hour ago',
    samples: series(repeat(31, idle), { uptimeSeconds: null }),
    runningSince: new Date(NOW.getTime() - 60 * MIN),
    expected: 'idle',
  },
  {
    name: 'uptime unknown and never seen running',
    samples: series(repeat(31, idle), { uptimeSeconds: null }),
    runningSince: null,
    expected: 'warmup',
  },
];

describe('idleVerdict', () => {
  it.each(cases)('$name → $expected', ({ samples, runningSince, expected }) => {
    const verdict = idleVerdict({ samples, now: NOW, runningSince: runningSince ?? null, rule });
    expect(verdict.idle ? 'idle' : verdict.reason).toBe(expected);
  });

  it('reports the start of the idle stretch and the window', () => {
    const samples = series([...repeat(10, busy), ...repeat(45, idle)]);
    const verdict = idleVerdict({ samples, now: NOW, runningSince: null, rule });
    expect(verdict.idle).toBe(true);
    if (!verdict.idle) return;
    expect(verdict.idleSince).toEqual(new Date(NOW.getTime() - 44 * MIN));
    expect(verdict.window).toHaveLength(31);
    expect(verdict.uptimeMs).toBe(7_200_000);
  });

  it('ignores the order in which samples arrive', () => {
    const samples = series(repeat(31, idle)).reverse();
    expect(idleVerdict({ samples, now: NOW, runningSince: null, rule }).idle).toBe(true);
  });
});

describe('idleStretchStart', () => {
  it('stops at a busy sample and at a gap', () => {
    const withGap = series([...repeat(5, idle), 'missing', 'missing', 'missing', ...repeat(5, idle)]);
    expect(idleStretchStart(withGap, rule)).toEqual(new Date(NOW.getTime() - 4 * MIN));
    expect(idleStretchStart(series([busy, busy]), rule)).toEqual(new Date(0));
  });
});

describe('deadlineVerdict', () => {
  const verdict = (steps: Step[]) =>
    deadlineVerdict({ samples: series(steps), now: NOW, runningSince: null, rule });

  it('samples missing or without runtime before the deadline hold the stop only until five idle minutes follow', () => {
    expect(DEADLINE_RECHECK_MS).toBe(5 * MIN);
    for (const hole of ['missing', 'no-runtime'] as const) {
      const recovered = verdict([...repeat(30, idle), ...repeat(4, hole), ...repeat(6, idle)]);
      expect(recovered.idle).toBe(true);
      const tooSoon = verdict([...repeat(30, idle), ...repeat(4, hole), ...repeat(3, idle)]);
      expect(tooSoon).toEqual({ idle: false, reason: hole === 'missing' ? 'gap' : 'no_runtime' });
    }
  });

  it('samples without memory data are judged by their GPUs, as in every window', () => {
    const samples = series(repeat(40, idle), { gpuMem: [], memoryPercent: null });
    expect(deadlineVerdict({ samples, now: NOW, runningSince: null, rule }).idle).toBe(true);
  });

  it('a busy sample is never waved through, nor a pod that was stopped', () => {
    expect(verdict([...repeat(30, idle), busy, ...repeat(6, idle)])).toEqual({ idle: false, reason: 'busy' });
    expect(verdict([...repeat(30, idle), 'exited', ...repeat(6, idle)]).idle).toBe(false);
  });
});
