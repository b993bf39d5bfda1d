import { liveRuntime, type Pod } from './pod.js';
import type { PodSample, PodSeen } from './samples.js';

/**
 * One poll's sample of one pod. Utilization is read only from a RUNNING pod's runtime (a stopped
 * pod's runtime may be stale); a GPU whose utilization RunPod left out is left out here too, so
 * the sample has fewer values than GPUs and counts as unknown.
 */
export function podSample(pod: Pod, ownerId: string | null, at: Date): PodSample {
  const runtime = liveRuntime(pod);
  const gpus = runtime?.gpus ?? [];
  return {
    podId: pod.id,
    podName: pod.name,
    at,
    status: pod.status,
    ownerId,
    costPerHr: pod.costPerHr,
    gpuCount: pod.gpuCount,
    gpuUtil: gpus.map((g) => g.utilPercent).filter((v): v is number => v !== null),
    gpuMem: gpus.map((g) => g.memoryPercent).filter((v): v is number => v !== null),
    cpuPercent: runtime?.cpuPercent ?? null,
    memoryPercent: runtime?.memoryPercent ?? null,
    uptimeSeconds: runtime?.uptimeSeconds ?? null,
    hasRuntime: runtime !== null,
    volumeInGb: pod.volumeInGb,
    containerDiskInGb: pod.containerDiskInGb,
  };
}

/**
 * What to remember about a pod after this poll. `runningSince` is the first time this RUNNING
 * stretch was seen; it survives restarts of podwarden because it is stored.
 */
export function nextPodSeen(
  previous: PodSeen | null,
  pod: Pick<Pod, 'id' | 'name' | 'status'>,
  at: Date,
): PodSeen {
  const running = pod.status === 'RUNNING';
  const continuing = previous?.lastStatus === 'RUNNING' ? previous.runningSince : null;
  return {
    podId: pod.id,
    podName: pod.name,
    lastStatus: pod.status,
    lastSeenAt: at,
    runningSince: running ? (continuing ?? at) : null,
  };
}

/** How a pod's status moved since the previous poll. */
export type PodChange = 'started' | 'stopped' | 'unchanged';

export function podChange(previous: PodSeen | null, pod: Pick<Pod, 'status'>): PodChange {
  if (previous === null) return 'unchanged';
  const was = previous.lastStatus === 'RUNNING';
  const is = pod.status === 'RUNNING';
  if (!was && is) return 'started';
  if (was && !is && pod.status !== 'TERMINATED') return 'stopped';
  return 'unchanged';
}
