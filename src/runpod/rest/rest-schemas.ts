import { z } from 'zod';

/**
 * zod schemas of what podwarden reads from RunPod REST v2 (runpod-api.md §1, §4.2), tolerant of
 * nulls and of values added later. `disk` and the billing record's time fields are not spelled out
 * in our reference; they are read loosely (see RestBillingRecordSchema).
 */
const num = z.number().nullish();
const str = z.string().nullish();

export const RestPodRuntimeSchema = z.object({
  uptime: num,
  gpus: z.array(z.object({ util: num, memoryUtil: num }).nullable()).nullish(),
  cpu: z.object({ util: num }).nullish(),
  memory: z.object({ util: num }).nullish(),
  ports: z.array(z.object({ private: num, public: num, type: str, ip: str }).nullable()).nullish(),
});

export const RestPodSchema = z.object({
  id: z.string().min(1),
  name: str,
  status: str,
  image: str,
  disk: z.object({ containerInGb: num, volumeInGb: num, volumeMountPath: str }).nullish(),
  ports: z.union([z.array(z.string()), z.string()]).nullish(),
  gpu: z.object({ id: str, count: num }).nullish(),
  cpu: z.object({ count: num }).nullish(),
  dataCenterId: str,
  cost: num,
  locked: z.boolean().nullish(),
  runtime: RestPodRuntimeSchema.nullish(),
});
export type RestPod = z.infer<typeof RestPodSchema>;

/** `GET /pods` answers `{"pods":[…]}`; v1 answered a bare array, which is read too. */
export const RestPodListSchema = z.union([
  z.object({ pods: z.array(z.unknown()).nullish() }),
  z.array(z.unknown()),
]);

/** RFC 9457 problem details; RunPod's older answers use `message` or `error`. */
export const ProblemSchema = z.object({
  title: str,
  status: num,
  detail: str,
  message: str,
  error: str,
});

export const RestBillingRecordSchema = z.object({
  podId: str,
  totalAmount: num,
  amount: num,
  startTime: str,
  endTime: str,
  time: str,
});

export const RestBillingSchema = z.object({ records: z.array(z.unknown()).nullish() });
