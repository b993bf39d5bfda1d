import { z } from 'zod';
import type { SimPod } from './sim-pod.js';
import { simSsh } from './sim-ssh.js';
import type { SimWorld } from './sim-world.js';

/**
 * A world pod as REST v2 publishes it (component `Pod` of runpod-rest-v2-schemas.json; the tests
 * validate every answer against it), and the `CreatePodRequest` the simulator accepts.
 */
export type RestStatus = 'STARTING' | 'RUNNING' | 'EXITED';
export type RestAction = 'start' | 'stop' | 'restart' | 'terminate';

/** The REST v2 status of a world pod: RUNNING pods are STARTING until their runtime appears. */
export function restStatusOf(world: SimWorld, pod: SimPod): RestStatus {
  if (pod.desiredStatus === 'EXITED') return 'EXITED';
  return world.isBooting(pod.id) ? 'STARTING' : 'RUNNING';
}

export function restActionsOf(status: RestStatus, locked: boolean): RestAction[] {
  if (status === 'EXITED') return ['start', 'terminate'];
  if (locked) return ['terminate'];
  return status === 'RUNNING' ? ['stop', 'restart', 'terminate'] : ['stop', 'terminate'];
}

/** The persistent volume or the network volume, as `Mounts` (`{}` when the pod has neither). */
function mountsOf(pod: SimPod) {
  if (pod.networkVolumeId) return { network: [{ volumeId: pod.networkVolumeId, path: pod.volumeMountPath }] };
  if (pod.volumeInGb > 0) return { persistent: { size: pod.volumeInGb, path: pod.volumeMountPath } };
  return {};
}

/** The GPU block; a GPU pod brought back with 0 GPUs has none (the structure's count is ≥ 1). */
function computeOf(pod: SimPod) {
  if (pod.gpuTypeId) return pod.gpuCount > 0 ? { gpu: { id: pod.gpuTypeId, count: pod.gpuCount } } : {};
  const vcpuCount = Math.max(2, Math.round(pod.vcpuCount));
  const memory = Math.max(1, Math.round(pod.memoryInGb));
  return { cpu: { id: `cpu3c-${vcpuCount}-${memory}`, vcpuCount, memory } };
}

export function restPod(world: SimWorld, pod: SimPod) {
  const status = restStatusOf(world, pod);
  const runtime = status === 'RUNNING' ? world.runtime(pod.id) : null;
  return {
    id: pod.id,
    name: pod.name,
    status,
    actions: restActionsOf(status, pod.locked),
    image: pod.imageName,
    args: '',
    disk: pod.containerDiskInGb,
    mounts: mountsOf(pod),
    ports: pod.ports
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    env: Object.fromEntries(pod.env.map((e) => [e.split('=')[0] ?? e, e.split('=').slice(1).join('=')])),
    registry: null,
    ...computeOf(pod),
    cloud: pod.cloudType,
    dataCenterId: pod.location,
    cudaVersion: '12.4',
    ssh: simSsh(pod, runtime),
    template: null,
    cost: pod.desiredStatus === 'RUNNING' ? pod.costPerHr : 0,
    locked: pod.locked,
    globalNetworking: { enabled: false },
    runtime: runtime && {
      uptime: runtime.uptimeInSeconds,
      gpus: runtime.gpus.map((g) => ({
        util: Math.round(g.gpuUtilPercent),
        memoryUtil: Math.round(g.memoryUtilPercent),
      })),
      cpu: { util: Math.round(runtime.container.cpuPercent) },
      memory: { util: Math.round(runtime.container.memoryPercent) },
      ports: runtime.ports.map((p) => ({
        private: p.privatePort,
        public: p.publicPort,
        type: p.type,
        ip: p.ip,
      })),
    },
    createdAt: pod.createdAt.toISOString(),
    startedAt: pod.startedAt?.toISOString() ?? null,
  };
}

const cudaVersion = z.string().regex(/^\d+\.\d+$/);
const mounts = z
  .object({
    persistent: z
      .object({ size: z.number().int().min(10), path: z.string() })
      .strict()
      .optional(),
    network: z
      .array(z.object({ volumeId: z.string(), path: z.string() }).strict())
      .max(1)
      .optional(),
  })
  .strict();

/**
 * `CreatePodRequest` (OpenAPI `unevaluatedProperties: false`: any other key is a 422). `image` is
 * required unless `templateId` is given.
 */
export const RestCreateBody = z
  .object({
    name: z.string().min(1),
    image: z.string().optional(),
    templateId: z.string().min(1).optional(),
    args: z.string().optional(),
    disk: z.number().int().min(1).optional(),
    env: z.record(z.string(), z.string()).optional(),
    ports: z.array(z.string()).optional(),
    registry: z.string().nullable().optional(),
    cloud: z.enum(['SECURE', 'COMMUNITY']).optional(),
    cpu: z
      .object({ id: z.string().min(1), vcpuCount: z.number().int().min(2) })
      .strict()
      .optional(),
    dataCenterIds: z.array(z.string()).optional(),
    globalNetworking: z.boolean().optional(),
    gpu: z
      .object({
        id: z.string(),
        count: z.number().int().min(1).optional(),
        allowedCudaVersions: z.array(cudaVersion).optional(),
        minCudaVersion: cudaVersion.optional(),
      })
      .strict()
      .optional(),
    mounts: mounts.optional(),
    startJupyter: z.boolean().optional(),
    startSsh: z.boolean().optional(),
  })
  .strict()
  .refine((body) => body.image !== undefined || body.templateId !== undefined, {
    message: 'image is required unless templateId is given',
    path: ['image'],
  });
export type RestCreate = z.infer<typeof RestCreateBody>;

/** The `errors[]` of a 422: one line per rule the body broke. */
export const createErrors = (error: z.ZodError): string[] =>
  error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
