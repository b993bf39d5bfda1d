import { stoppedVolumeUsdPerDay } from './cost-rates.js';
import type { PodSample } from './samples.js';

export type RunningPod = {
  podId: string;
  podName: string;
  ownerId: string | null;
  costPerHr: number;
  gpuCount: number;
  /** Mean GPU utilization in the latest sample, or null when unknown. */
  gpuUtil: number | null;
};

export type StoragePod = {
  podId: string;
  podName: string;
  ownerId: string | null;
  volumeInGb: number;
  usdPerDay: number;
};

export type CurrentPods = { running: RunningPod[]; storage: StoragePod[] };

/**
 * What runs and what still bills storage now, from each pod's latest sample. A sample older than
 * three poll intervals is stale (the pod is gone, or podwarden lost sight of it) and is left out.
 */
export function currentPods(samples: readonly PodSample[], now: Date, pollIntervalMs: number): CurrentPods {
  const latest = new Map<string, PodSample>();
  for (const sample of samples) {
    const seen = latest.get(sample.podId);
    if (!seen || sample.at.getTime() >= seen.at.getTime()) latest.set(sample.podId, sample);
  }
  const freshAfter = now.getTime() - 3 * pollIntervalMs;
  const running: RunningPod[] = [];
  const storage: StoragePod[] = [];
  for (const sample of latest.values()) {
    if (sample.at.getTime() < freshAfter) continue;
    if (sample.status === 'RUNNING') {
      const util = sample.gpuUtil;
      running.push({
        podId: sample.podId,
        podName: sample.podName,
        ownerId: sample.ownerId,
        costPerHr: sample.costPerHr,
        gpuCount: sample.gpuCount,
        gpuUtil: util.length > 0 ? util.reduce((a, b) => a + b, 0) / util.length : null,
      });
    } else if (sample.status !== 'TERMINATED' && (sample.volumeInGb ?? 0) > 0) {
      const volumeInGb = sample.volumeInGb ?? 0;
      storage.push({
        podId: sample.podId,
        podName: sample.podName,
        ownerId: sample.ownerId,
        volumeInGb,
        usdPerDay: stoppedVolumeUsdPerDay(volumeInGb),
      });
    }
  }
  running.sort((a, b) => b.costPerHr - a.costPerHr);
  storage.sort((a, b) => b.usdPerDay - a.usdPerDay);
  return { running, storage };
}

/** The spend rate the running pods add up to; the fallback when RunPod reports no rate. */
export const runningSpendPerHour = (pods: CurrentPods): number =>
  pods.running.reduce((total, pod) => total + pod.costPerHr, 0) +
  pods.storage.reduce((total, pod) => total + pod.usdPerDay / 24, 0);

/**
 * The spend rate to use: RunPod's `currentSpendPerHr`, unless it is unknown, or zero while
 * podwarden sees pods running (a stale account figure); then the rate of what podwarden sees.
 */
export function effectiveSpendPerHour(accountRate: number | null, pods: CurrentPods): number {
  const seen = runningSpendPerHour(pods);
  if (accountRate === null) return seen;
  return accountRate <= 0 && pods.running.length > 0 ? seen : accountRate;
}
