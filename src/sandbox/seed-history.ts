/**
 * Two weeks of made-up but plausible spend for the demo pods, written as hourly aggregates, so a
 * newcomer's first `/pod cost week` and `/pod digest now` have something to show. Deterministic:
 * the same clock gives the same history.
 */
import { stoppedVolumeUsdPerSecond } from '../domain/cost-rates.js';
import type { HourlyAggregate } from '../domain/samples.js';
import type { Store } from '../services/ports.js';
import type { SimPod } from './runpod/sim-pod.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Shape = (hourOfDay: number, day: number) => { running: number; idle: number; util: number };

/** Share of each hour the pod ran, the idle share of that, and its mean GPU utilization. */
const shapes: Record<string, Shape> = {
  training: () => ({ running: 1, idle: 0.05, util: 88 }),
  notebook: (h) =>
    h >= 9 && h < 19 ? { running: 1, idle: 0.35, util: 30 } : { running: 1, idle: 1, util: 0 },
  inference: (h) => ({ running: 1, idle: h < 7 ? 0.7 : 0.15, util: h < 7 ? 3 : 45 }),
  spot: (_h, day) => (day % 3 === 0 ? { running: 0, idle: 0, util: 0 } : { running: 1, idle: 0.1, util: 80 }),
  office: (h, day) =>
    day % 7 < 5 && h >= 8 && h < 20 ? { running: 1, idle: 0.2, util: 60 } : { running: 0, idle: 0, util: 0 },
  stopped: () => ({ running: 0, idle: 0, util: 0 }),
};

function shapeOf(pod: SimPod): Shape {
  if (pod.desiredStatus !== 'RUNNING') return shapes.stopped as Shape;
  if (pod.name.includes('notebook') || pod.name.includes('old-eval')) return shapes.notebook as Shape;
  if (pod.name.includes('inference')) return shapes.inference as Shape;
  if (pod.podType === 'INTERRUPTABLE') return shapes.spot as Shape;
  if (pod.gpuCount === 0 || pod.name.includes('prep')) return shapes.office as Shape;
  return shapes.training as Shape;
}

/** Cheap deterministic noise in [0.85, 1.15) from a pod and an hour. */
function jitter(podId: string, hour: number): number {
  let x = hour;
  for (const char of podId) x = (x * 31 + char.charCodeAt(0)) % 1_000_003;
  return 0.85 + (((x * 7919) % 1000) / 1000) * 0.3;
}

export function demoHistory(
  pods: readonly SimPod[],
  owners: Record<string, string>,
  now: Date,
  days = 14,
): HourlyAggregate[] {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
  const start = end - days * DAY_MS;
  const rows: HourlyAggregate[] = [];
  for (const pod of pods) {
    const shape = shapeOf(pod);
    for (let t = start; t < end; t += HOUR_MS) {
      const at = new Date(t);
      const day = Math.floor((t - start) / DAY_MS);
      const { running, idle, util } = shape(at.getUTCHours(), day);
      const runningSeconds = Math.round(3600 * running);
      // A pod without GPUs is never idle by the GPU rule.
      const idleShare = pod.gpuCount > 0 ? Math.min(1, idle * jitter(pod.id, t)) : 0;
      const idleSeconds = Math.round(runningSeconds * idleShare);
      const hourCost = (pod.costPerHr * runningSeconds) / 3600;
      const idleUsd = (pod.costPerHr * idleSeconds) / 3600;
      // Billed like the cost ledger bills a stopped pod's volume, so seeded and live hours agree.
      const storageUsd = runningSeconds === 0 ? stoppedVolumeUsdPerSecond(pod.volumeInGb) * 3600 : 0;
      if (runningSeconds === 0 && storageUsd === 0) continue;
      rows.push({
        podId: pod.id,
        podName: pod.name,
        hour: at,
        ownerId: owners[pod.name] ?? null,
        runningSeconds,
        idleSeconds,
        busySeconds: runningSeconds - idleSeconds,
        unknownSeconds: 0,
        costUsd: hourCost,
        idleUsd,
        busyUsd: hourCost - idleUsd,
        storageUsd,
        gpuSeconds: runningSeconds * pod.gpuCount,
        meanGpuUtil: runningSeconds > 0 && pod.gpuCount > 0 ? util : null,
        maxGpuUtil: runningSeconds > 0 && pod.gpuCount > 0 ? Math.min(100, util * 1.3) : null,
        samples: runningSeconds > 0 ? 60 : 0,
      });
    }
  }
  return rows;
}

export async function seedDemoHistory(
  store: Store,
  pods: readonly SimPod[],
  owners: Record<string, string>,
  now: Date,
): Promise<number> {
  const rows = demoHistory(pods, owners, now);
  const oldest = rows.reduce((min, row) => Math.min(min, row.hour.getTime()), now.getTime());
  // The cutoff deletes raw samples before it: there are none this early in a fresh sandbox.
  await store.foldSamples(rows, new Date(oldest));
  return rows.length;
}
