import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../../src/replay/parse-trace.js';
import { median, scoreRun } from '../../../src/replay/score-run.js';
import { BUSY, IDLE, MISSING, traceText } from './trace-text.js';

const MIN = 60_000;

describe('median', () => {
  it('is null without values, the middle one, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([40, 10, 30])).toBe(30);
    expect(median([40, 10, 30, 20])).toBe(25);
  });
});

describe('scoreRun', () => {
  const parsed = parseTrace(
    'hand',
    traceText([
      // Idle from minute 20; a missing line at 30 does not break the stretch.
      {
        id: 'a',
        costPerHr: 3,
        stretches: [
          [20, BUSY],
          [10, IDLE],
          [1, MISSING],
          [29, IDLE],
        ],
      },
      // Busy until the end: a stop here ends no idle stretch.
      { id: 'b', costPerHr: 1, stretches: [[60, BUSY]] },
      // Never stopped: idle for its whole hour, one GPU-pair.
      {
        id: 'c',
        costPerHr: 6,
        stretches: [
          [30, IDLE],
          [30, BUSY],
        ],
      },
    ]),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  const { trace, truth } = parsed.value;

  it('charges idle steps up to the stop, counts wrongful stops and the minutes from idle to stop', () => {
    const result = scoreRun(trace, truth, {
      policy: 'silent-30m',
      stops: new Map([
        ['a', 50 * MIN],
        ['b', 10 * MIN],
      ]),
      prompts: 0,
    });
    expect(result).toEqual({
      trace: 'hand',
      policy: 'silent-30m',
      // a: 29 idle lines before minute 50 (one missing) at $3/h; c: 30 idle minutes at $6/h.
      idleUsd: Math.round(((29 * 3 + 30 * 6) / 60) * 100) / 100,
      idleGpuHours: Math.round((((29 + 30) * 2) / 60) * 1000) / 1000,
      keptIdleUsd: 0,
      wrongfulStops: 1,
      prompts: 0,
      falsePrompts: 0,
      stops: 2,
      // Only a's stop ends an idle stretch: 50 − 20 minutes.
      medianMinutesIdleToStop: 30,
    });
  });

  it('without stops, every idle line counts and the median is null', () => {
    const result = scoreRun(trace, truth, { policy: 'none', stops: new Map(), prompts: 0 });
    expect(result.idleUsd).toBe(Math.round(((39 * 3 + 30 * 6) / 60) * 100) / 100);
    expect(result.medianMinutesIdleToStop).toBeNull();
    expect(result.wrongfulStops).toBe(0);
  });

  it('counts the idle dollars spent under a keep apart, inside idleUsd', () => {
    // c is kept from minute 10 to minute 40: its idle minutes 10..29 are kept ones.
    const result = scoreRun(trace, truth, {
      policy: 'podwarden',
      stops: new Map(),
      prompts: 1,
      keeps: [{ podId: 'c', fromMs: 10 * MIN, untilMs: 40 * MIN }],
    });
    expect(result.keptIdleUsd).toBe(Math.round(((20 * 6) / 60) * 100) / 100);
    expect(result.idleUsd).toBe(Math.round(((39 * 3 + 30 * 6) / 60) * 100) / 100);
  });

  it('counts a prompt as false when the pod is busy before its deadline and nobody answered by then', () => {
    // c turns busy at minute 30.
    const prompt = (atMs: number, deadlineMs: number, answeredMs: number | null) => ({
      podId: 'c',
      atMs,
      deadlineMs,
      answeredMs,
    });
    const falsePrompts = (prompts: ReturnType<typeof prompt>[]) =>
      scoreRun(trace, truth, { policy: 'podwarden', stops: new Map(), prompts: 1, promptTimes: prompts })
        .falsePrompts;
    expect(falsePrompts([prompt(10 * MIN, 40 * MIN, null)])).toBe(1);
    // Busy exactly at the deadline, or later: the prompt was not noise.
    expect(falsePrompts([prompt(0, 30 * MIN, null)])).toBe(0);
    // Answered before the pod turned busy: the owner acted on it.
    expect(falsePrompts([prompt(10 * MIN, 40 * MIN, 15 * MIN)])).toBe(0);
    // Answered only after it was busy again: noise all the same.
    expect(falsePrompts([prompt(10 * MIN, 40 * MIN, 35 * MIN)])).toBe(1);
    // a's prompt while a stays idle to the end is not noise.
    expect(
      scoreRun(trace, truth, {
        policy: 'podwarden',
        stops: new Map(),
        prompts: 1,
        promptTimes: [{ podId: 'a', atMs: 40 * MIN, deadlineMs: 70 * MIN, answeredMs: null }],
      }).falsePrompts,
    ).toBe(0);
  });
});
