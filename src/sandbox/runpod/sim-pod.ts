import type { Result } from '../../lib/result.js';
import type { UtilScript } from './util-scripts.js';

/** A pod of the simulated RunPod account, and the words the simulator answers with. */
export type SimPodStatus = 'RUNNING' | 'EXITED';
/** RESERVED is on-demand, INTERRUPTABLE is spot (runpod-api.md §2.2). */
export type SimPodType = 'RESERVED' | 'INTERRUPTABLE';

export type SimPod = {
  id: string;
  name: string;
  desiredStatus: SimPodStatus;
  gpuTypeId: string | null;
  gpuDisplayName: string | null;
  gpuCount: number;
  /** USD per hour while running. */
  costPerHr: number;
  vcpuCount: number;
  memoryInGb: number;
  containerDiskInGb: number;
  volumeInGb: number;
  volumeMountPath: string;
  networkVolumeId: string | null;
  imageName: string;
  env: string[];
  /** RunPod's port spec, e.g. `8888/http,22/tcp`. */
  ports: string;
  podType: SimPodType;
  bidPerGpu: number | null;
  cloudType: 'SECURE' | 'COMMUNITY';
  machineId: string;
  location: string;
  createdAt: Date;
  /** When the current run began; null when EXITED. */
  startedAt: Date | null;
  lastStatusChange: string;
  locked: boolean;
  /** A spot pod is interrupted this long after it (re)starts; null for never. */
  interruptAfterMs: number | null;
};

export type SimRuntime = {
  uptimeInSeconds: number;
  gpus: { id: string; gpuUtilPercent: number; memoryUtilPercent: number }[];
  container: { cpuPercent: number; memoryPercent: number };
  ports: { ip: string; isIpPublic: boolean; privatePort: number; publicPort: number; type: string }[];
};

export type AddPodInput = Partial<Omit<SimPod, 'name'>> & {
  name: string;
  script?: UtilScript;
  /** For an EXITED pod: when it stopped (it ran from createdAt until then). */
  stoppedAt?: Date;
};

export type DeployInput = {
  name: string;
  /** null: the template's (a template is then required). */
  imageName: string | null;
  gpuTypeId: string | null;
  gpuCount: number;
  cloudType: 'SECURE' | 'COMMUNITY' | 'ALL';
  /** null: the template's, else 20 GB. */
  containerDiskInGb: number | null;
  /** null: the template's, else none. */
  volumeInGb: number | null;
  volumeMountPath: string | null;
  /** null: the template's, else `8888/http,22/tcp`. */
  ports: string | null;
  /** Merged over the template's. */
  env: string[];
  /** Set for spot (podRentInterruptable). */
  bidPerGpu: number | null;
  templateId?: string | null;
  /** A CPU pod (then gpuTypeId is null). */
  cpu?: { flavorId: string; vcpuCount: number } | null;
  networkVolumeId?: string | null;
  /** The data center asked for (REST `dataCenterIds[0]`, GraphQL `dataCenterId`). */
  dataCenterId?: string | null;
};

export type SimFailureCode = 'not_found' | 'capacity' | 'no_instances' | 'spot_resume' | 'locked' | 'invalid';
export type SimFailure = { code: SimFailureCode; message: string };
export type SimOutcome<T> = Result<T, SimFailure>;

export type SimAccount = {
  id: string;
  email: string;
  clientBalance: number | null;
  currentSpendPerHr: number;
  spendLimit: number;
};

export const CAPACITY_MESSAGE = 'There are not enough free GPUs on the host machine to start this pod.';
export const SPOT_RESUME_MESSAGE = 'Cannot resume a spot pod as an on demand pod.';
export const NO_INSTANCES_MESSAGE =
  'There are no longer any instances available with the requested specifications. Please refresh and try again.';
// RunPod's wording for these is not documented (runpod-api.md, open question 1); these are ours.
export const NOT_FOUND_MESSAGE = 'Pod not found.';
export const LOCKED_MESSAGE = 'This pod is locked and cannot be stopped.';
