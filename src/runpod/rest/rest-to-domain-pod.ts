import type { Pod, PodStatus } from '../../domain/pod.js';
import { toPodStatus } from '../to-pod-status.js';
import type { RestPod } from './rest-schemas.js';

/**
 * REST v2 status as the domain's desiredStatus: PROVISIONING and STARTING aim for RUNNING (runtime
 * is null meanwhile), ERROR is a dead pod.
 */
function statusOf(status: string | null | undefined): PodStatus {
  const upper = (status ?? '').toUpperCase();
  if (upper === 'PROVISIONING' || upper === 'STARTING') return 'RUNNING';
  if (upper === 'ERROR') return 'DEAD';
  return toPodStatus(upper);
}

/**
 * A REST v2 pod as the domain's Pod. REST v2 has no spot pods, no GPU display name and no memory
 * size; `cost` is 0 while EXITED, so a stopped pod shows no hourly price.
 */
export function restToDomainPod(pod: RestPod): Pod {
  const runtime = pod.runtime;
  return {
    id: pod.id,
    name: pod.name ?? pod.id,
    status: statusOf(pod.status),
    gpuTypeId: pod.gpu?.id ?? null,
    gpuDisplayName: null,
    gpuCount: pod.gpu?.count ?? 0,
    costPerHr: pod.cost ?? 0,
    vcpuCount: pod.cpu?.count ?? null,
    memoryInGb: null,
    containerDiskInGb: pod.disk?.containerInGb ?? null,
    volumeInGb: pod.disk?.volumeInGb ?? null,
    volumeMountPath: pod.disk?.volumeMountPath ?? null,
    networkVolumeId: null,
    imageName: pod.image ?? null,
    ports: Array.isArray(pod.ports) ? pod.ports.join(',') : (pod.ports ?? null),
    isSpot: false,
    locked: pod.locked ?? false,
    location: pod.dataCenterId ?? null,
    runtime: runtime
      ? {
          uptimeSeconds: runtime.uptime ?? null,
          gpus: (runtime.gpus ?? []).flatMap((g) =>
            g ? [{ utilPercent: g.util ?? null, memoryPercent: g.memoryUtil ?? null }] : [],
          ),
          cpuPercent: runtime.cpu?.util ?? null,
          memoryPercent: runtime.memory?.util ?? null,
          ports: (runtime.ports ?? []).flatMap((p) =>
            p
              ? [
                  {
                    ip: p.ip ?? null,
                    isIpPublic: null,
                    privatePort: p.private ?? null,
                    publicPort: p.public ?? null,
                    type: p.type ?? null,
                  },
                ]
              : [],
          ),
        }
      : null,
  };
}
