/**
 * One poll's observation of one pod. RUNNING pods carry utilization; EXITED pods are sampled too
 * (without utilization) so that the storage they still bill can be counted.
 */
export type PodSample = {
  podId: string;
  podName: string;
  at: Date;
  status: string;
  /** Owner at the time of the sample, for attribution. */
  ownerId: string | null;
  costPerHr: number;
  gpuCount: number;
  /** Per-GPU utilization, percent; empty when runtime was null. */
  gpuUtil: number[];
  gpuMem: number[];
  cpuPercent: number | null;
  memoryPercent: number | null;
  uptimeSeconds: number | null;
  /** False when RunPod reported no runtime for a RUNNING pod. */
  hasRuntime: boolean;
  volumeInGb: number | null;
  containerDiskInGb: number | null;
};

/** Each complete hour of raw samples is folded into one row per pod and UTC hour. */
export type HourlyAggregate = {
  podId: string;
  podName: string;
  /** Start of the UTC hour. */
  hour: Date;
  ownerId: string | null;
  runningSeconds: number;
  idleSeconds: number;
  busySeconds: number;
  unknownSeconds: number;
  costUsd: number;
  idleUsd: number;
  busyUsd: number;
  storageUsd: number;
  gpuSeconds: number;
  meanGpuUtil: number | null;
  maxGpuUtil: number | null;
  samples: number;
};

/** What podwarden remembers about a pod between polls. */
export type PodSeen = {
  podId: string;
  podName: string;
  lastStatus: string;
  lastSeenAt: Date;
  /** When podwarden first saw the current RUNNING stretch; null when not running. */
  runningSince: Date | null;
};
