import { z } from 'zod';

/**
 * zod schemas of what podwarden reads from RunPod's GraphQL API, named like RunPod's types. Every
 * field but the pod id may be null or missing (runpod-api.md §2.3 "zod advice"); enums are read as
 * strings so that a value RunPod adds later does not break a poll.
 */
const num = z.number().nullish();
const str = z.string().nullish();
const bool = z.boolean().nullish();

export const PodRuntimeGpusSchema = z.object({ id: str, gpuUtilPercent: num, memoryUtilPercent: num });

export const PodRuntimeContainerSchema = z.object({ cpuPercent: num, memoryPercent: num });

export const PodRuntimePortsSchema = z.object({
  ip: str,
  isIpPublic: bool,
  privatePort: num,
  publicPort: num,
  type: str,
});

export const PodRuntimeSchema = z.object({
  uptimeInSeconds: num,
  gpus: z.array(PodRuntimeGpusSchema.nullable()).nullish(),
  container: PodRuntimeContainerSchema.nullish(),
  ports: z.array(PodRuntimePortsSchema.nullable()).nullish(),
});

export const PodMachineInfoSchema = z.object({ gpuDisplayName: str, gpuTypeId: str, location: str });

export const PodSchema = z.object({
  id: z.string().min(1),
  name: str,
  desiredStatus: str,
  imageName: str,
  gpuCount: num,
  vcpuCount: num,
  memoryInGb: num,
  containerDiskInGb: num,
  volumeInGb: num,
  volumeMountPath: str,
  networkVolumeId: str,
  costPerHr: num,
  podType: str,
  lowestBidPriceToResume: z.number().nullish(),
  ports: str,
  /** `[String]` of `KEY=value` (runpod-api.md §2.2). */
  env: z.array(z.string().nullable()).nullish(),
  locked: bool,
  machine: PodMachineInfoSchema.nullish(),
  runtime: PodRuntimeSchema.nullish(),
});
export type PodData = z.infer<typeof PodSchema>;

/** `myself { pods { … } }`: the pods are parsed one by one, so one odd pod does not hide the rest. */
export const UserPodsSchema = z.object({ pods: z.array(z.unknown()).nullish() });

export const UserAccountSchema = z.object({ clientBalance: num, currentSpendPerHr: num });

/** `myself { networkVolumes { … } }`: nullability unknown (runpod-api.md §4.1), so all nullable. */
export const UserNetworkVolumesSchema = z.object({
  networkVolumes: z
    .array(z.object({ id: str, name: str, size: num, dataCenterId: str }).nullable())
    .nullish(),
});

export const LowestPriceSchema = z.object({ stockStatus: str });

export const GpuTypeSchema = z.object({
  id: str,
  displayName: str,
  memoryInGb: num,
  securePrice: num,
  communityPrice: num,
  secureSpotPrice: num,
  communitySpotPrice: num,
  maxGpuCount: num,
  lowestPrice: LowestPriceSchema.nullish(),
});
export type GpuTypeData = z.infer<typeof GpuTypeSchema>;

/** What a lifecycle mutation answers with: only the id is needed (the services re-read the pod). */
export const PodAckSchema = z.object({ id: str, desiredStatus: str }).nullish();
