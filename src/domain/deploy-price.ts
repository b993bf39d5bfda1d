import type { DeployRequest, GpuType } from './pod.js';

const known = (values: readonly (number | null)[]): number[] =>
  values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);

/**
 * USD per GPU per hour for a GPU type in a cloud, on demand or spot; null when RunPod lists no
 * price. With cloud ALL, RunPod may place the pod in either cloud: `lowest` is what it costs at
 * best (for showing "from $…"), `highest` what it may cost (for limits).
 */
export function gpuPrice(
  gpuType: GpuType,
  cloudType: DeployRequest['cloudType'],
  spot: boolean,
  pick: 'lowest' | 'highest' = 'lowest',
): number | null {
  const secure = spot ? gpuType.secureSpotPrice : gpuType.securePrice;
  const community = spot ? gpuType.communitySpotPrice : gpuType.communityPrice;
  const candidates =
    cloudType === 'SECURE'
      ? known([secure])
      : cloudType === 'COMMUNITY'
        ? known([community])
        : known([secure, community]);
  if (candidates.length === 0) return null;
  return pick === 'lowest' ? Math.min(...candidates) : Math.max(...candidates);
}

/** What a requested pod may cost per hour while running (spot: the bid), or null when unknown. */
export function deployPricePerHour(request: DeployRequest, gpuType: GpuType | undefined): number | null {
  if (request.spot && request.bidPerGpu !== null) return request.bidPerGpu * request.gpuCount;
  if (!gpuType) return null;
  const perGpu = gpuPrice(gpuType, request.cloudType, request.spot, 'highest');
  return perGpu === null ? null : perGpu * request.gpuCount;
}

/** RunPod lists a placeholder type with id `unknown`; it can never be deployed. */
export const isDeployableGpuType = (gpuType: GpuType): boolean =>
  gpuType.id !== 'unknown' && gpuType.id.trim().length > 0;
