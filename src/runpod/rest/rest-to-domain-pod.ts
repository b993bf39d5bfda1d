import { barePod, type Pod, type PodStatus } from '../../domain/pod.js';
import type { Logger } from '../../lib/logger.js';
import { toPodStatus } from '../to-pod-status.js';
import { type RestPod, RestPodSchema } from './rest-schemas.js';

/**
 * REST v2 status as the domain's desiredStatus: PROVISIONING and STARTING aim for RUNNING (runtime
 * is null meanwhile), ERROR is a dead pod.
 */
function statusOf(status: string | null | undefined): PodStatus {
  // Not verified against the live API: PROVISIONING / STARTING as RUNNING and ERROR as DEAD is our
  // mapping of the documented states; whether an ERROR pod still bills is not documented.
  const upper = (status ?? '').toUpperCase();
  if (upper === 'PROVISIONING' || upper === 'STARTING') return 'RUNNING';
  if (upper === 'ERROR') return 'DEAD';
  return toPodStatus(upper);
}

/**
 * A REST v2 pod as the domain's Pod. REST v2 has no spot pods and no GPU display name; `cost` is 0
 * while EXITED, so a stopped pod shows no hourly price. The volume comes from `mounts`: a
 * persistent one gives its size, a network one its id (its size is billed with the volume, not the
 * pod). CPU pods carry `cpu {id, vcpuCount, memory}` instead of `gpu`.
 */
export function restToDomainPod(pod: RestPod): Pod {
  const runtime = pod.runtime;
  const persistent = pod.mounts?.persistent ?? null;
  const network = pod.mounts?.network?.[0] ?? null;
  return {
    id: pod.id,
    name: pod.name || pod.id,
    status: statusOf(pod.status),
    gpuTypeId: pod.gpu?.id ?? null,
    gpuDisplayName: null,
    gpuCount: pod.gpu ? (pod.gpu.count ?? 1) : 0,
    costPerHr: pod.cost ?? 0,
    vcpuCount: pod.cpu?.vcpuCount ?? null,
    memoryInGb: pod.cpu?.memory ?? null,
    containerDiskInGb: pod.disk ?? null,
    volumeInGb: persistent?.size ?? null,
    volumeMountPath: persistent?.path ?? network?.path ?? null,
    networkVolumeId: network?.volumeId ?? null,
    imageName: pod.image ?? null,
    ports: pod.ports ? pod.ports.join(',') : null,
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
    ...(pod.env ? { env: pod.env } : {}),
  };
}

/** A pod known only by id and name: what `/pod list` shows as "details unreadable". */
export function unreadablePod(id: string, name: string | null, field: string): Pod {
  return { ...barePod(id, name || id, 'UNKNOWN'), unreadable: field };
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/**
 * One item of RunPod's answer as a Pod. A pod whose fields do not read is never dropped silently:
 * it is logged with the field at fault and comes back as an unreadable pod, as long as it has an
 * id. Only an item without any id is left out (logged), since nothing could be done with it.
 */
export function parseRestPod(item: unknown, operation: string, logger: Logger): Pod | null {
  const parsed = RestPodSchema.safeParse(item);
  if (parsed.success) return restToDomainPod(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(pod)';
  const raw = record(item);
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : null;
  logger.warn(
    { operation, pod: id, field, problem: issue?.message ?? null },
    'runpod pod has a field podwarden cannot read',
  );
  if (id === null) return null;
  return unreadablePod(id, typeof raw.name === 'string' ? raw.name : null, field);
}
