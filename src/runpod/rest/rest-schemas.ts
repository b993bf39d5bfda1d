import { z } from 'zod';

/**
 * zod schemas of what podwarden reads from RunPod REST v2, written from the published structure
 * (`runpod-rest-v2-schemas.json`, components `Pod`, `Mounts`, `GpuConfig`, `CpuConfig`, `PodSsh`,
 * `PodRuntime`, `ErrorResponse`, `GpuType`, `NetworkVolume`, the billing records). The types are
 * the published ones; what podwarden does not need may be missing or null, and fields RunPod adds
 * later are ignored. A field present with the wrong type fails the pod (see parseRestPod).
 */
// Not verified against the live API: every shape here comes from the published OpenAPI structure;
// no live REST v2 answer was read (`ssh`, `actions`, the `runtime` shape, `cost` 0 while EXITED,
// the billing records' fields).
const num = z.number().nullish();
const int = z.number().int().nullish();
const str = z.string().nullish();

export const RestPodRuntimeSchema = z.object({
  uptime: int,
  gpus: z.array(z.object({ util: num, memoryUtil: num }).nullable()).nullish(),
  cpu: z.object({ util: num }).nullish(),
  memory: z.object({ util: num }).nullish(),
  ports: z.array(z.object({ private: int, public: int, type: str, ip: str }).nullable()).nullish(),
});

const SshEndpointSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  command: z.string(),
});

/** `Mounts`: a persistent volume on the pod's machine, or (at most) one network volume. */
export const RestMountsSchema = z.object({
  persistent: z.object({ size: z.number().int(), path: z.string() }).nullish(),
  network: z.array(z.object({ volumeId: z.string(), path: z.string() })).nullish(),
});

export const RestPodSchema = z.object({
  id: z.string().min(1),
  name: str,
  /** One of PROVISIONING STARTING RUNNING EXITED ERROR TERMINATED; a later value reads as UNKNOWN. */
  status: str,
  actions: z.array(z.string()).nullish(),
  image: str,
  /** Container disk in GB (an integer, not an object). */
  disk: int,
  mounts: RestMountsSchema.nullish(),
  ports: z.array(z.string()).nullish(),
  env: z.record(z.string(), z.string()).nullish(),
  gpu: z.object({ id: z.string(), count: int }).nullish(),
  cpu: z.object({ id: str, vcpuCount: num, memory: num }).nullish(),
  cloud: str,
  dataCenterId: str,
  ssh: z.object({ proxy: SshEndpointSchema.nullish(), direct: SshEndpointSchema.nullish() }).nullish(),
  /** USD per hour now; 0 when EXITED or TERMINATED. */
  cost: num,
  locked: z.boolean().nullish(),
  /** Null when the pod is not RUNNING. */
  runtime: RestPodRuntimeSchema.nullish(),
  createdAt: str,
  startedAt: str,
});
export type RestPod = z.infer<typeof RestPodSchema>;

/** `ListPodsResponse`: `{"pods":[…]}`. Items are parsed one by one so one bad pod spoils nothing. */
export const RestPodListSchema = z.object({ pods: z.array(z.unknown()) });

/** RFC 9457 problem details (`ErrorResponse`: title, status, detail, errors[]). */
export const ProblemSchema = z.object({
  title: str,
  status: num,
  detail: str,
  errors: z.array(z.string()).nullish(),
  // REST v1 answered `message` or `error`; still read, in case a proxy or old route sends them.
  message: str,
  error: str,
});

/** `PodBillingRecord`: a time range with amounts, per pod. */
export const RestBillingRecordSchema = z.object({
  podId: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  totalAmount: z.number(),
});

/** `NetworkVolumeBillingRecord`. */
export const RestVolumeBillingRecordSchema = z.object({
  networkVolumeId: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  totalAmount: z.number(),
});

export const RestBillingSchema = z.object({ records: z.array(z.unknown()) });

/** `GpuType` of `GET /v2/catalog/gpus` (with `include=AVAILABILITY`). */
export const RestGpuTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  memory: int,
  secure: z.boolean().nullish(),
  community: z.boolean().nullish(),
  price: z.object({ secure: num, community: num }).nullish(),
  maxCount: z.object({ secure: int, community: int }).nullish(),
  availability: str,
  dataCenters: z.array(z.object({ id: z.string() }).nullable()).nullish(),
});

export const RestGpuListSchema = z.object({ gpus: z.array(z.unknown()) });

/** `NetworkVolume` of `GET /v2/network-volumes`. */
export const RestNetworkVolumeSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  dataCenter: str,
});

export const RestNetworkVolumeListSchema = z.object({ networkVolumes: z.array(z.unknown()) });

/** `Endpoint` of `GET /v2/serverless` (`ListEndpointsResponse`): only what the cost reports read. */
export const RestEndpointSchema = z.object({
  id: z.string().min(1),
  name: str,
  workers: z.object({ min: int, max: int }).nullish(),
  gpu: z.object({ pools: z.array(z.string()).nullish(), count: int }).nullish(),
});

export const RestEndpointListSchema = z.object({ endpoints: z.array(z.unknown()) });

/** `ServerlessBillingRecord` of `GET /v2/billing/serverless`. */
export const RestServerlessBillingRecordSchema = z.object({
  serverlessId: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  totalAmount: z.number(),
});

/** A catalogue `GpuType`'s pool and prices (`price.serverless` is optional in the structure). */
export const RestGpuPoolPriceSchema = z.object({
  pool: str,
  price: z.object({ secure: num, serverless: num }).nullish(),
});
