import type { GpuType, Pod, PodRuntime } from '../../domain/pod.js';
import { toPodStatus } from '../to-pod-status.js';
import type { GpuTypeData, PodData } from './graphql-schemas.js';

type RuntimeData = NonNullable<PodData['runtime']>;

function toRuntime(runtime: RuntimeData): PodRuntime {
  return {
    uptimeSeconds: runtime.uptimeInSeconds ?? null,
    gpus: (runtime.gpus ?? []).flatMap((gpu) =>
      gpu ? [{ utilPercent: gpu.gpuUtilPercent ?? null, memoryPercent: gpu.memoryUtilPercent ?? null }] : [],
    ),
    cpuPercent: runtime.container?.cpuPercent ?? null,
    memoryPercent: runtime.container?.memoryPercent ?? null,
    ports: (runtime.ports ?? []).flatMap((port) =>
      port
        ? [
            {
              ip: port.ip ?? null,
              isIpPublic: port.isIpPublic ?? null,
              privatePort: port.privatePort ?? null,
              publicPort: port.publicPort ?? null,
              type: port.type ?? null,
            },
          ]
        : [],
    ),
  };
}

/**
 * A GraphQL pod as the domain's Pod. `runtime` is passed on as RunPod sent it (it may be stale after
 * a stop); the domain reads utilization only while RUNNING. Spot is podType INTERRUPTABLE or BID.
 */
export function toDomainPod(pod: PodData): Pod {
  // Not verified against the live API: podType INTERRUPTABLE / BID marking spot pods (§6, an
  // inference), the desiredStatus a spot pod shows after an interruption (EXITED assumed: its
  // volume is kept), and the unit of lowestBidPriceToResume (read as USD per GPU per hour).
  return {
    id: pod.id,
    name: pod.name ?? pod.id,
    status: toPodStatus(pod.desiredStatus),
    gpuTypeId: pod.machine?.gpuTypeId ?? null,
    gpuDisplayName: pod.machine?.gpuDisplayName ?? null,
    gpuCount: pod.gpuCount ?? 0,
    costPerHr: pod.costPerHr ?? 0,
    vcpuCount: pod.vcpuCount ?? null,
    memoryInGb: pod.memoryInGb ?? null,
    containerDiskInGb: pod.containerDiskInGb ?? null,
    volumeInGb: pod.volumeInGb ?? null,
    volumeMountPath: pod.volumeMountPath ?? null,
    networkVolumeId: pod.networkVolumeId ?? null,
    imageName: pod.imageName ?? null,
    ports: pod.ports ?? null,
    isSpot: pod.podType === 'INTERRUPTABLE' || pod.podType === 'BID',
    lowestBidPriceToResume: pod.lowestBidPriceToResume ?? null,
    locked: pod.locked ?? false,
    location: pod.machine?.location ?? null,
    runtime: pod.runtime ? toRuntime(pod.runtime) : null,
    ...(pod.env ? { env: envOf(pod.env) } : {}),
  };
}

/** GraphQL's `["KEY=value", …]` as an object; an item without `=` is a name with an empty value. */
function envOf(items: readonly (string | null)[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const item of items) {
    if (!item) continue;
    const at = item.indexOf('=');
    const name = at < 0 ? item : item.slice(0, at);
    if (name) env[name] = at < 0 ? '' : item.slice(at + 1);
  }
  return env;
}

/** A catalogue entry, or null for RunPod's placeholder `unknown` type and entries without an id. */
export function toDomainGpuType(type: GpuTypeData): GpuType | null {
  if (!type.id || type.id === 'unknown') return null;
  return {
    id: type.id,
    displayName: type.displayName ?? type.id,
    memoryInGb: type.memoryInGb ?? null,
    securePrice: type.securePrice ?? null,
    communityPrice: type.communityPrice ?? null,
    secureSpotPrice: type.secureSpotPrice ?? null,
    communitySpotPrice: type.communitySpotPrice ?? null,
    maxGpuCount: type.maxGpuCount ?? null,
    stockStatus: type.lowestPrice?.stockStatus ?? null,
  };
}
