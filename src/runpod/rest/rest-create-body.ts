import type { DeployRequest } from '../../domain/pod.js';

/**
 * The `CreatePodRequest` body of `POST /v2/pods` for a deploy: `name`, `image`, `gpu {id, count}`,
 * `cloud` (left out for "any cloud": the field's default is SECURE and the structure has no "ALL"),
 * `disk` as the container disk in GB, and a persistent volume under `mounts` (at least 10 GB; the
 * deploy form refuses less). The structure has `unevaluatedProperties: false`, so nothing else is
 * sent.
 */
export function restCreateBody(request: DeployRequest): Record<string, unknown> {
  return {
    name: request.name,
    image: request.imageName,
    gpu: { id: request.gpuTypeId, count: request.gpuCount },
    ...(request.cloudType === 'ALL' ? {} : { cloud: request.cloudType }),
    disk: request.containerDiskInGb,
    ...(request.volumeInGb > 0
      ? { mounts: { persistent: { size: request.volumeInGb, path: '/workspace' } } }
      : {}),
  };
}
