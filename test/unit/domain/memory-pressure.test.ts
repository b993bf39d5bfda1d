import { describe, expect, it } from 'vitest';
import { memoryPeak, memoryVerdict } from '../../../src/domain/memory-pressure.js';
import type { PodSample } from '../../../src/domain/samples.js';

const T0 = new Date('2026-11-30T10:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

const sample = (
  minute: number,
  gpuMem: number[],
  memoryPercent: number | null,
  status = 'RUNNING',
): PodSample => ({
  podId: 'p',
  podName: 'p',
  at: at(minute),
  status,
  ownerId: null,
  costPerHr: 1,
  gpuCount: gpuMem.length,
  gpuUtil: gpuMem.map(() => 90),
  gpuMem,
  cpuPercent: 10,
  memoryPercent,
  uptimeSeconds: 60,
  hasRuntime: status === 'RUNNING',
  volumeInGb: 10,
  containerDiskInGb: 10,
});

const options = { pct: 95, pollIntervalMs: MINUTE };
const minutes = (from: number, to: number, make: (m: number) => PodSample) =>
  Array.from({ length: to - from + 1 }, (_, i) => make(from + i));

describe('memoryPeak', () => {
  it('is the fullest GPU or the container, whichever is higher; null without any figure', () => {
    expect(memoryPeak({ gpuMem: [40, 97], memoryPercent: 50 })).toBe(97);
    expect(memoryPeak({ gpuMem: [], memoryPercent: 96 })).toBe(96);
    expect(memoryPeak({ gpuMem: [], memoryPercent: null })).toBeNull();
  });
});

describe('memoryVerdict', () => {
  it('is high once one GPU has been at or above the threshold for ten minutes, and says since when', () => {
    const samples = [
      ...minutes(0, 4, (m) => sample(m, [80, 70], 50)),
      ...minutes(5, 15, (m) => sample(m, [60, 96], 50)),
    ];
    expect(memoryVerdict(samples.slice(0, 15), at(14), options)).toEqual({ kind: 'pending' });
    expect(memoryVerdict(samples, at(15), options)).toEqual({
      kind: 'high',
      since: at(5),
      which: 'gpu',
      gpuPercent: 96,
      containerPercent: 50,
    });
  });

  it('counts container memory too', () => {
    const verdict = memoryVerdict(
      minutes(0, 10, (m) => sample(m, [10], 95)),
      at(10),
      options,
    );
    expect(verdict).toMatchObject({ kind: 'high', which: 'container', containerPercent: 95 });
  });

  it('does not bridge a gap of more than two poll intervals, nor judge stale samples', () => {
    const gap = [...minutes(0, 5, (m) => sample(m, [99], 50)), ...minutes(9, 14, (m) => sample(m, [99], 50))];
    expect(memoryVerdict(gap, at(14), options)).toEqual({ kind: 'pending' });
    expect(
      memoryVerdict(
        minutes(0, 10, (m) => sample(m, [99], 50)),
        at(13),
        options,
      ),
    ).toEqual({ kind: 'pending' });
  });

  it('is normal (the episode ends) when the newest sample is below, or the pod no longer runs', () => {
    const dropped = [...minutes(0, 10, (m) => sample(m, [99], 50)), sample(11, [90], 50)];
    expect(memoryVerdict(dropped, at(11), options)).toEqual({ kind: 'normal' });
    const stopped = [...minutes(0, 10, (m) => sample(m, [99], 50)), sample(11, [], null, 'EXITED')];
    expect(memoryVerdict(stopped, at(11), options)).toEqual({ kind: 'normal' });
  });
});
