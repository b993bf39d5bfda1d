import type { Activity } from './pod-timeline.js';
import type { Random } from './seeded-random.js';
import type { TraceLabel } from './trace-schema.js';

export type MinuteSample = {
  status: 'RUNNING' | 'EXITED';
  gpus: number[];
  gpuMem: number[];
  cpu: number;
  label: TraceLabel;
};

/** How a pod behaves when nothing runs: a quiet kernel, or background tools (TensorBoard, a logger) keeping a CPU awake. */
export type IdleCpu = 'quiet' | 'background';

const r = (value: number) => Math.round(value);
const r1 = (value: number) => Math.round(value * 10) / 10;

/** Utilization of every GPU drawn from one range. */
const gpusIn = (rng: Random, count: number, min: number, max: number) =>
  Array.from({ length: count }, () => r(rng.between(min, max)));

function idleCpu(rng: Random, kind: IdleCpu): number {
  return kind === 'quiet' ? r1(rng.between(0.1, 0.9)) : r1(rng.between(1.5, 6));
}

/**
 * What RunPod would report for one minute of an activity, and its honest label: busy while the
 * pod does work someone wants (training, its checkpoints and data phases, a person at a notebook,
 * serving traffic), idle while nothing runs.
 */
export function renderMinute(
  rng: Random,
  activity: Activity,
  gpuCount: number,
  cpuWhenIdle: IdleCpu,
): MinuteSample | null {
  const running = (gpus: number[], memMin: number, memMax: number, cpu: number, label: TraceLabel) => ({
    status: 'RUNNING' as const,
    gpus,
    gpuMem: gpusIn(rng, gpuCount, memMin, memMax),
    cpu: r1(cpu),
    label,
  });
  switch (activity) {
    case 'absent':
      return null;
    case 'exited':
      return { status: 'EXITED', gpus: [], gpuMem: [], cpu: 0, label: 'idle' };
    case 'train':
      return running(gpusIn(rng, gpuCount, 85, 100), 70, 95, rng.between(15, 45), 'busy');
    case 'checkpoint':
      return running(gpusIn(rng, gpuCount, 0, 3), 70, 95, rng.between(20, 50), 'busy');
    case 'preprocess':
      return running(gpusIn(rng, gpuCount, 0, 2), 40, 80, rng.between(70, 100), 'busy');
    case 'interactive':
      return rng.chance(0.4)
        ? running(gpusIn(rng, gpuCount, 30, 100), 30, 70, rng.between(5, 30), 'busy')
        : running(gpusIn(rng, gpuCount, 0, 3), 30, 70, rng.between(1, 8), 'busy');
    case 'away':
      return running(gpusIn(rng, gpuCount, 0, 1.4), 30, 70, idleCpu(rng, cpuWhenIdle), 'idle');
    case 'idle':
      return running(gpusIn(rng, gpuCount, 0, 1.4), 5, 60, idleCpu(rng, cpuWhenIdle), 'idle');
    case 'serve':
      return rng.chance(0.55)
        ? running(gpusIn(rng, gpuCount, 15, 90), 40, 60, rng.between(5, 25), 'busy')
        : running(gpusIn(rng, gpuCount, 0, 4), 40, 60, rng.between(1, 4), 'busy');
    case 'quiet-serve':
      return rng.chance(0.015)
        ? running(gpusIn(rng, gpuCount, 10, 40), 40, 60, rng.between(3, 10), 'busy')
        : running(gpusIn(rng, gpuCount, 0, 1.4), 40, 60, rng.between(1, 3), 'idle');
  }
}
