import type { EnvVar } from './deploy-env.js';

/**
 * What a deploy can start from besides a GPU type: RunPod templates (the account's own and
 * RunPod's catalogue), CPU types, and the secrets' names (never their values).
 */
export type DeployTemplate = {
  id: string;
  name: string;
  /** The account's own template (REST `/templates`), or one of RunPod's (`/catalog/templates`). */
  source: 'own' | 'runpod';
  /** REST `category`: CPU templates are for CPU pods. */
  category: 'CPU' | 'NVIDIA' | 'AMD' | null;
  image: string;
  containerDiskInGb: number | null;
  /** Its persistent volume at `volumeMountPath`; null when it has none. */
  volumeInGb: number | null;
  volumeMountPath: string | null;
  ports: string[];
  env: EnvVar[];
};

/** A CPU type (flavor) RunPod rents as a CPU pod (REST `/catalog/cpus`). */
export type CpuType = {
  id: string;
  displayName: string;
  vcpuMin: number;
  vcpuMax: number;
  ramGbPerVcpu: number;
  /** USD per vCPU per hour, Secure cloud; null when unknown. */
  pricePerVcpu: number | null;
  /** Data centers that have it; null when unknown. */
  dataCenterIds: string[] | null;
};

/** A RunPod pod needs at least this many vCPUs (REST `CreateCpuConfig.vcpuCount` minimum). */
export const MIN_VCPUS = 2;

/** Whether a pod of a type found in these data centers can mount a volume in `dataCenterId`. */
export function canMountIn(
  dataCenterIds: readonly string[] | null | undefined,
  dataCenterId: string,
): boolean {
  // Unknown placement (GraphQL's catalogue has none) is not refused here: RunPod has the last word.
  if (!dataCenterIds) return true;
  return dataCenterIds.includes(dataCenterId);
}
