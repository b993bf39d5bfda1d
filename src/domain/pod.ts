import type { EnvVar } from './deploy-env.js';
/**
 * A RunPod pod as podwarden sees it, independent of GraphQL or REST. `status` is RunPod's
 * desiredStatus (the state it aims for); `runtime` may be null while starting and may be stale
 * after a stop, so utilization is read only when status is RUNNING and runtime is present.
 */
export type PodStatus =
  | 'RUNNING'
  | 'EXITED'
  | 'CREATED'
  | 'RESTARTING'
  | 'PAUSED'
  | 'DEAD'
  | 'TERMINATED'
  | 'UNKNOWN';

export type GpuUsage = { utilPercent: number | null; memoryPercent: number | null };

export type PodPort = {
  ip: string | null;
  isIpPublic: boolean | null;
  privatePort: number | null;
  publicPort: number | null;
  type: string | null;
};

export type PodRuntime = {
  uptimeSeconds: number | null;
  gpus: GpuUsage[];
  cpuPercent: number | null;
  memoryPercent: number | null;
  ports: PodPort[];
};

export type Pod = {
  id: string;
  name: string;
  status: PodStatus;
  gpuTypeId: string | null;
  gpuDisplayName: string | null;
  gpuCount: number;
  /** USD per hour while running. */
  costPerHr: number;
  vcpuCount: number | null;
  memoryInGb: number | null;
  containerDiskInGb: number | null;
  volumeInGb: number | null;
  volumeMountPath: string | null;
  networkVolumeId: string | null;
  imageName: string | null;
  /** RunPod's port spec, e.g. `8888/http,22/tcp`. */
  ports: string | null;
  /** Spot (interruptible) pods resume with podBidResume. */
  isSpot: boolean;
  /**
   * GraphQL's `lowestBidPriceToResume` for a spot pod, read as USD per GPU per hour (the unit is
   * not documented); null or absent when RunPod gives none.
   */
  lowestBidPriceToResume?: number | null;
  locked: boolean;
  location: string | null;
  runtime: PodRuntime | null;
  /**
   * The container's environment (REST `env` object; GraphQL `env` list of `KEY=value`). Absent
   * when the API did not report it. Values may hold credentials: only names are ever shown.
   */
  env?: Readonly<Record<string, string>>;
  /**
   * Set when RunPod described the pod in a way podwarden could not read: the field at fault. The
   * pod is then only its id and name (status UNKNOWN, no cost), listed as "details unreadable".
   */
  unreadable?: string;
};

/** A pod known by id, name and status only: every other detail empty, for callers to fill in. */
export function barePod(id: string, name: string, status: PodStatus): Pod {
  return {
    id,
    name,
    status,
    gpuTypeId: null,
    gpuDisplayName: null,
    gpuCount: 0,
    costPerHr: 0,
    vcpuCount: null,
    memoryInGb: null,
    containerDiskInGb: null,
    volumeInGb: null,
    volumeMountPath: null,
    networkVolumeId: null,
    imageName: null,
    ports: null,
    isSpot: false,
    locked: false,
    location: null,
    runtime: null,
  };
}

export const isRunning = (pod: Pick<Pod, 'status'>): boolean => pod.status === 'RUNNING';

/** Utilization may be read only when RunPod aims for RUNNING and reports a runtime. */
export const liveRuntime = (pod: Pick<Pod, 'status' | 'runtime'>): PodRuntime | null =>
  pod.status === 'RUNNING' ? pod.runtime : null;

/** Mean GPU utilization now, or null when unknown. */
export function meanGpuUtil(pod: Pick<Pod, 'status' | 'runtime'>): number | null {
  const values = (liveRuntime(pod)?.gpus ?? [])
    .map((g) => g.utilPercent)
    .filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** A RunPod network volume (GraphQL `myself.networkVolumes`); billed whether or not a pod uses it. */
export type NetworkVolume = { id: string; name: string; sizeGb: number; dataCenterId: string | null };

/**
 * Account figures RunPod reports (GraphQL `myself`). `balanceUnavailable`: RunPod's GraphQL API,
 * the only one with the balance, answered 404/410 or could not be reached.
 */
export type Account = {
  clientBalance: number | null;
  currentSpendPerHr: number | null;
  balanceUnavailable?: boolean;
};

/** A GPU type in RunPod's catalogue, for the deploy modal. */
export type GpuType = {
  id: string;
  displayName: string;
  memoryInGb: number | null;
  securePrice: number | null;
  communityPrice: number | null;
  secureSpotPrice: number | null;
  communitySpotPrice: number | null;
  maxGpuCount: number | null;
  stockStatus: string | null;
  /** Data centers that have this GPU type (REST `dataCenters`); null or absent when unknown. */
  dataCenterIds?: string[] | null;
};

export type DeployRequest = {
  name: string;
  /** null for a CPU pod (then `cpu` is set and `gpuCount` is 0). */
  gpuTypeId: string | null;
  gpuCount: number;
  imageName: string;
  containerDiskInGb: number;
  /** A persistent pod volume at /workspace; 0 for none (always 0 with a network volume). */
  volumeInGb: number;
  cloudType: 'SECURE' | 'COMMUNITY' | 'ALL';
  /**
   * The cloud to ask for where "any cloud" cannot be said (REST v2 `cloud` is SECURE or
   * COMMUNITY): the cheapest one that offers the GPU type. Absent: SECURE.
   */
  anyCloudAs?: 'SECURE' | 'COMMUNITY';
  spot: boolean;
  /** USD per GPU per hour for spot pods. */
  bidPerGpu: number | null;
  /** A CPU pod: RunPod's CPU type (flavor) id, vCPUs, and memory (vCPUs × GB per vCPU). */
  cpu?: { flavorId: string; vcpuCount: number; memoryInGb: number } | null;
  /** The RunPod template whose values the request carries. */
  templateId?: string | null;
  /** `8888/http`-style ports; empty for none. */
  ports?: string[];
  env?: EnvVar[];
  /** An existing network volume mounted at /workspace; it pins the data center. */
  networkVolume?: { id: string; dataCenterId: string | null } | null;
};

/** A day of RunPod's own billing for one pod (REST v2 billing history). */
export type BillingRecord = { podId: string; start: Date; end: Date; totalAmount: number };
