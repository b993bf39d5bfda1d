import { podPrice, type SimGpuType } from './sim-gpu-catalogue.js';
import { type createIdSource, LOCATIONS } from './sim-ids.js';
import type { AddPodInput, SimPod } from './sim-pod.js';

/** RunPod's free-text lastStatusChange, e.g. "Rented by User: Mon, 02 Nov 2026 09:00:00 GMT". */
export const statusText = (what: string, at: Date): string => `${what}: ${at.toUTCString()}`;

/**
 * A complete pod from what a test or the demo says about it; everything left out gets a plausible
 * default (an RTX A6000, 20 GB container disk, the GPU type's list price).
 */
export function buildSimPod(
  input: AddPodInput,
  context: { now: Date; ids: ReturnType<typeof createIdSource>; catalogue: ReadonlyMap<string, SimGpuType> },
): SimPod {
  const { now, ids, catalogue } = context;
  const status = input.desiredStatus ?? 'RUNNING';
  const gpuTypeId = input.gpuTypeId === undefined ? 'NVIDIA RTX A6000' : input.gpuTypeId;
  const type = gpuTypeId ? catalogue.get(gpuTypeId) : undefined;
  const gpuCount = input.gpuCount ?? (gpuTypeId ? 1 : 0);
  const cloudType = input.cloudType ?? 'SECURE';
  const podType = input.podType ?? 'RESERVED';
  const bidPerGpu = input.bidPerGpu ?? null;
  const createdAt = input.createdAt ?? input.startedAt ?? now;
  return {
    id: input.id ?? ids.id(14),
    name: input.name,
    desiredStatus: status,
    gpuTypeId,
    gpuDisplayName:
      input.gpuDisplayName !== undefined
        ? input.gpuDisplayName
        : gpuTypeId
          ? (type?.displayName ?? gpuTypeId)
          : null,
    gpuCount,
    costPerHr:
      input.costPerHr ??
      podPrice(type, gpuCount, cloudType, podType === 'INTERRUPTABLE' ? { bidPerGpu } : null),
    vcpuCount: input.vcpuCount ?? Math.max(4, gpuCount * 8),
    memoryInGb: input.memoryInGb ?? Math.max(15, gpuCount * 60),
    containerDiskInGb: input.containerDiskInGb ?? 20,
    volumeInGb: input.volumeInGb ?? 0,
    volumeMountPath: input.volumeMountPath ?? '/workspace',
    networkVolumeId: input.networkVolumeId ?? null,
    imageName: input.imageName ?? 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
    env: input.env ?? [],
    ports: input.ports ?? '8888/http,22/tcp',
    podType,
    bidPerGpu,
    cloudType,
    machineId: input.machineId ?? ids.id(12),
    location: input.location ?? LOCATIONS[Math.floor(ids.next() * LOCATIONS.length)] ?? 'US-TX-3',
    createdAt,
    startedAt: status === 'RUNNING' ? (input.startedAt ?? now) : null,
    lastStatusChange: input.lastStatusChange ?? statusText('Rented by User', createdAt),
    locked: input.locked ?? false,
    interruptAfterMs: input.interruptAfterMs ?? null,
  };
}
