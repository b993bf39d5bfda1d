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

/**
 * Hourly aggregates of one pod, owner and name summed over a span of whole hours (the hours of a
 * digest's day, say): what the ledger needs of them, read as one row instead of one per hour.
 */
export type HourlySum = {
  podId: string;
  podName: string;
  ownerId: string | null;
  /** Start of the first and of the last hour summed. */
  firstHour: Date;
  lastHour: Date;
  runningSeconds: number;
  idleSeconds: number;
  busySeconds: number;
  unknownSeconds: number;
  costUsd: number;
  idleUsd: number;
  busyUsd: number;
  storageUsd: number;
  gpuSeconds: number;
  /** Σ GPU-seconds × idle share of each hour. */
  idleGpuSeconds: number;
  /** Σ mean GPU util × running seconds, over hours whose utilization is known. */
  utilSeconds: number;
  utilKnownSeconds: number;
  maxGpuUtil: number | null;
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
