import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../../src/replay/parse-trace.js';
import type { PolicyId } from '../../../src/replay/policy-run.js';
import { replaySettings } from '../../../src/replay/replay-settings.js';
import { replayTrace } from '../../../src/replay/replay-traces.js';
import { runPodwarden } from '../../../src/replay/run-podwarden.js';
import type { ReplayResult } from '../../../src/replay/score-run.js';
import { BUSY, EXITED, IDLE, MISSING, type Minute, type PodScript, traceText } from './trace-text.js';

const MIN = 60_000;
/** The idle rule on its own: no owner's clock, no CPU or activity signals (README "Idle pods"). */
const PLAIN = {
  IDLE_WORK_HOURS: 'off',
  IDLE_CPU_BUSY: 'off',
  IDLE_STEADY_BUSY: 'off',
  IDLE_SPORADIC_BUSY: 'off',
};

/** Monday 11:00 UTC: the idle stretches below begin inside the default IDLE_WORK_HOURS. */
const LATE_MORNING = '2026-11-02T11:00:00Z';

const labelled = (pods: PodScript[], start?: string) => {
  const result = parseTrace('hand', traceText(pods, start));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const byPolicy = async (pods: PodScript[], start?: string): Promise<Record<PolicyId, ReplayResult>> => {
  const results = await replayTrace(labelled(pods, start));
  return Object.fromEntries(results.map((r) => [r.policy, r])) as Record<PolicyId, ReplayResult>;
};

const stopMinutes = async (pods: PodScript[], variables: Record<string, string> = {}, start?: string) => {
  const run = await runPodwarden(labelled(pods, start).trace, { settings: replaySettings(variables) });
  return {
    stops: Object.fromEntries([...run.stops].map(([pod, at]) => [pod, at / MIN])),
    prompts: run.promptLog.map((p) => p.atMs / MIN),
    count: run.prompts,
  };
};

describe('replaying a trace', () => {
  it('an idle pod without an answer: podwarden stops it IDLE_AFTER + IDLE_GRACE after the idle start, silent-30m after 30 min', async () => {
    // Busy for an hour, then idle for two hours with a quiet CPU; $2/h, two GPUs.
    const pods: PodScript[] = [
      {
        id: 'nb',
        answer: 'none',
        stretches: [
          [60, BUSY],
          [120, IDLE],
        ],
      },
    ];
    // Inside working hours right after a steady hour of work: IDLE_AFTER, then IDLE_GRACE.
    expect(await stopMinutes(pods, {}, LATE_MORNING)).toEqual({
      stops: { nb: 120 },
      prompts: [90],
      count: 1,
    });
    // Outside working hours (from 08:00 UTC): asked as soon, stopped IDLE_GRACE_OFF_HOURS later.
    expect(await stopMinutes(pods)).toEqual({ stops: { nb: 100 }, prompts: [90], count: 1 });

    const r = await byPolicy(pods, LATE_MORNING);
    expect(r.none).toMatchObject({
      idleUsd: 4,
      idleGpuHours: 4,
      stops: 0,
      prompts: 0,
      medianMinutesIdleToStop: null,
    });
    expect(r.podwarden).toMatchObject({
      idleUsd: 2,
      idleGpuHours: 2,
      stops: 1,
      prompts: 1,
      wrongfulStops: 0,
    });
    expect(r.podwarden.medianMinutesIdleToStop).toBe(60);
    expect(r['silent-30m']).toMatchObject({ idleUsd: 1, stops: 1, prompts: 0, medianMinutesIdleToStop: 30 });
    expect(r['runpod-monitor']).toMatchObject({ idleUsd: 2, stops: 1, medianMinutesIdleToStop: 60 });
  });

  it('runpod-monitor also needs the CPU at or below 1 %', async () => {
    const busyCpu: Minute = { ...IDLE, cpu: 3 };
    const r = await byPolicy([
      {
        id: 'nb',
        stretches: [
          [60, BUSY],
          [120, busyCpu],
        ],
      },
    ]);
    expect(r['runpod-monitor']).toMatchObject({ stops: 0, idleUsd: 4 });
    expect(r['silent-30m'].stops).toBe(1);
    expect(r.podwarden.stops).toBe(1);
  });

  it('no verdict during the warm-up: a pod idle from its start is asked only after IDLE_WARMUP', async () => {
    const pods: PodScript[] = [{ id: 'fresh', stretches: [[180, IDLE]] }];
    // Uptime 45 min is still warm-up (at or below IDLE_WARMUP); the first verdict comes a poll later.
    expect(await stopMinutes(pods, { ...PLAIN, IDLE_WARMUP: '45m' })).toMatchObject({
      stops: { fresh: 76 },
      prompts: [46],
    });
    // Without a warm-up the window must still be covered from its start: the sample of minute 0
    // opens it, so the first verdict is at minute 30, the stop 30 min later.
    expect(await stopMinutes(pods, { ...PLAIN, IDLE_WARMUP: '0s' })).toMatchObject({
      stops: { fresh: 60 },
      prompts: [30],
    });
  });

  it('checkpoint dips and a long CPU-bound phase never make podwarden stop a training run', async () => {
    const dip: Minute = { gpus: [1, 2], cpu: 40, label: 'busy' };
    const preprocess: Minute = { gpus: [0, 0], cpu: 95, label: 'busy' };
    const pods: PodScript[] = [
      {
        id: 'train',
        stretches: [
          [50, BUSY],
          [12, dip],
          [50, BUSY],
          [12, dip],
          [40, BUSY],
          [45, preprocess],
          [60, BUSY],
        ],
      },
    ];
    const podwarden = await stopMinutes(pods);
    expect(podwarden.stops).toEqual({});
    // The CPU at 95 % makes the 45-minute phase busy (IDLE_CPU_BUSY): no prompt at all.
    expect(podwarden.prompts).toEqual([]);
    // The GPUs alone would have drawn one prompt at its 30th minute, noise that ends busy.
    expect((await stopMinutes(pods, PLAIN)).prompts).toEqual([164 + 30]);

    const r = await byPolicy(pods);
    expect(r.podwarden).toMatchObject({ stops: 0, wrongfulStops: 0, idleUsd: 0 });
    expect(r['silent-30m']).toMatchObject({ stops: 1, wrongfulStops: 1 });
    expect(r['runpod-monitor']).toMatchObject({ stops: 0, wrongfulStops: 0 });
  });

  it('counts a stop as wrongful when the pod is busy within the 60 minutes after it', async () => {
    // Lunch: 40 idle minutes, then work again. silent-30m stops at minute 30 of lunch; the owner
    // is back 10 minutes later.
    const lunch = await byPolicy([
      {
        id: 'nb',
        stretches: [
          [60, BUSY],
          [40, IDLE],
          [60, BUSY],
        ],
      },
    ]);
    expect(lunch['silent-30m']).toMatchObject({ stops: 1, wrongfulStops: 1, medianMinutesIdleToStop: 30 });
    expect(lunch.podwarden).toMatchObject({ stops: 0, prompts: 1 });

    // Back exactly 60 minutes after the stop: wrongful. One minute later: not.
    const at60 = await byPolicy([
      {
        id: 'nb',
        stretches: [
          [60, BUSY],
          [90, IDLE],
          [30, BUSY],
        ],
      },
    ]);
    expect(at60['silent-30m']).toMatchObject({ stops: 1, wrongfulStops: 1 });
    const at61 = await byPolicy([
      {
        id: 'nb',
        stretches: [
          [60, BUSY],
          [91, IDLE],
          [30, BUSY],
        ],
      },
    ]);
    expect(at61['silent-30m']).toMatchObject({ stops: 1, wrongfulStops: 0 });
  });

  it('Keep 4 h postpones the stop; the owner is asked again when the keep ends', async () => {
    const pods: PodScript[] = [
      {
        id: 'nb',
        answer: 'keep',
        stretches: [
          [60, BUSY],
          [600, IDLE],
        ],
      },
    ];
    // Asked at 90, kept at 95 until 335, asked again at 335, kept at 340 until 580, asked at 580.
    expect(await stopMinutes(pods)).toEqual({ stops: {}, prompts: [90, 335, 580], count: 3 });
    const r = await byPolicy(pods);
    expect(r.podwarden).toMatchObject({ stops: 0, prompts: 3, idleUsd: 20, medianMinutesIdleToStop: null });
  });

  it('Stop now is pressed five minutes after the prompt', async () => {
    const pods: PodScript[] = [
      {
        id: 'nb',
        answer: 'stop',
        stretches: [
          [60, BUSY],
          [120, IDLE],
        ],
      },
    ];
    expect(await stopMinutes(pods)).toMatchObject({ stops: { nb: 95 }, prompts: [90] });
    expect((await byPolicy(pods)).podwarden).toMatchObject({ stops: 1, medianMinutesIdleToStop: 35 });
  });

  it('a missing sample counts as busy for podwarden: no verdict over a window that holds it', async () => {
    // Missing 20 minutes into the idle stretch: the prompt waits until the window is clear of it.
    const before = [
      {
        id: 'nb',
        stretches: [
          [60, BUSY],
          [20, IDLE],
          [1, MISSING],
          [150, IDLE],
        ],
      },
    ] as PodScript[];
    expect(await stopMinutes(before, PLAIN)).toMatchObject({ prompts: [111], stops: { nb: 141 } });
    // Missing after the prompt: the deadline (120) holds only until five idle minutes follow the
    // hole, long past here: the stop comes on time.
    const after = [
      {
        id: 'nb',
        stretches: [
          [60, BUSY],
          [40, IDLE],
          [1, MISSING],
          [120, IDLE],
        ],
      },
    ] as PodScript[];
    expect(await stopMinutes(after, PLAIN)).toMatchObject({ prompts: [90], stops: { nb: 120 } });
    // Missing just before the deadline: the stop waits for those five minutes.
    const late = [
      {
        id: 'nb',
        stretches: [
          [60, BUSY],
          [57, IDLE],
          [2, MISSING],
          [120, IDLE],
        ],
      },
    ] as PodScript[];
    expect(await stopMinutes(late, PLAIN)).toMatchObject({ prompts: [90], stops: { nb: 124 } });
  });

  it('a server that wakes now and then and came back from quiet again and again is asked after IDLE_AFTER_COMEBACK, read from the stored samples', async () => {
    // At night (from 00:00 UTC): a stray request every 25 min for five hours, then quiet.
    const stray: [number, Minute][] = Array.from({ length: 12 }, () => [
      [24, IDLE],
      [1, BUSY],
    ]).flat() as [number, Minute][];
    const pods: PodScript[] = [{ id: 'api', stretches: [[60, BUSY], ...stray, [240, IDLE]] }];
    const NIGHT = '2026-11-02T00:00:00Z';
    // Quiet from 360: 150 min of quiet, then IDLE_GRACE_OFF_HOURS.
    expect(await stopMinutes(pods, {}, NIGHT)).toMatchObject({ prompts: [510], stops: { api: 520 } });
    // Without the comebacks it is only a pod that wakes now and then: IDLE_AFTER_SPORADIC.
    expect(await stopMinutes(pods, { IDLE_COMEBACKS: 'off' }, NIGHT)).toMatchObject({
      prompts: [450],
      stops: { api: 460 },
    });
  });

  it('EXITED lines cost nothing, and a stopped pod costs nothing for the rest of the trace', async () => {
    const pods: PodScript[] = [
      {
        id: 'spot',
        stretches: [
          [30, BUSY],
          [60, EXITED],
          [60, BUSY],
          [120, IDLE],
        ],
      },
    ];
    const r = await byPolicy(pods, LATE_MORNING);
    expect(r.none).toMatchObject({ idleUsd: 4, stops: 0 });
    // Asked 30 minutes into the idle stretch, stopped 30 minutes later; the last hour is free.
    expect(r.podwarden).toMatchObject({ idleUsd: 2, stops: 1, medianMinutesIdleToStop: 60 });
    expect(r['silent-30m']).toMatchObject({ idleUsd: 1, stops: 1 });
  });

  it('never lets the labels reach the detector: flipping every label changes no decision', async () => {
    const pods: PodScript[] = [
      {
        id: 'a',
        answer: 'stop',
        stretches: [
          [60, BUSY],
          [90, IDLE],
        ],
      },
      {
        id: 'b',
        stretches: [
          [20, IDLE],
          [70, BUSY],
          [60, IDLE],
        ],
      },
    ];
    const flipped = pods.map((pod) => ({
      ...pod,
      stretches: pod.stretches.map(
        ([n, m]) => [n, { ...m, label: m.label === 'idle' ? 'busy' : 'idle' }] as [number, Minute],
      ),
    }));
    expect(await stopMinutes(flipped)).toEqual(await stopMinutes(pods));
  });
});
