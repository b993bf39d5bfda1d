import type { DeployRequest } from '../../domain/pod.js';

const WORKSPACE = '/workspace';

/**
 * The `CreatePodRequest` body of `POST /v2/pods` for a deploy. `name`; `image` (always sent: with a
 * template it is the template's, which the form may have changed); `gpu {id, count}` or, for a CPU
 * pod, `cpu {id, vcpuCount}`; `cloud`, which is SECURE or COMMUNITY only, so "any cloud" is sent as
 * the cheapest cloud offering the GPU type (`anyCloudAs`); `disk` as the container disk in GB;
 * under `mounts` either a persistent volume (at least 10 GB; the form refuses less) or one network
 * volume, whose data center is then asked for in `dataCenterIds`; `ports`, `env` and `templateId`
 * when set. The structure has `unevaluatedProperties: false`, so nothing else is sent.
 */
export function restCreateBody(request: DeployRequest): Record<string, unknown> {
  const cloud = request.cloudType === 'ALL' ? (request.anyCloudAs ?? 'SECURE') : request.cloudType;
  const volume = request.networkVolume ?? null;
  const mounts = volume
    ? { mounts: { network: [{ volumeId: volume.id, path: WORKSPACE }] } }
    : request.volumeInGb > 0
      ? { mounts: { persistent: { size: request.volumeInGb, path: WORKSPACE } } }
      : {};
  const env = request.env ?? [];
  const ports = request.ports ?? [];
  return {
    name: request.name,
    image: request.imageName,
    ...(request.cpu
      ? { cpu: { id: request.cpu.flavorId, vcpuCount: request.cpu.vcpuCount } }
      : { gpu: { id: request.gpuTypeId, count: request.gpuCount } }),
    cloud,
    disk: request.containerDiskInGb,
    ...mounts,
    ...(volume?.dataCenterId ? { dataCenterIds: [volume.dataCenterId] } : {}),
    ...(ports.length > 0 ? { ports } : {}),
    ...(env.length > 0 ? { env: Object.fromEntries(env.map((v) => [v.key, v.value])) } : {}),
    ...(request.templateId ? { templateId: request.templateId } : {}),
  };
}
