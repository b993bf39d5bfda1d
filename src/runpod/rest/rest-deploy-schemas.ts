import { z } from 'zod';

/**
 * zod schemas of the REST v2 reads behind the deploy form (runpod-rest-v2-schemas.json):
 * `Template` of `GET /v2/templates` and `GET /v2/catalog/templates` (both `ListTemplatesResponse`),
 * and `CpuType` of `GET /v2/catalog/cpus`. Only what podwarden reads; unknown enum values tolerated.
 */
const int = z.number().int().nullish();
const str = z.string().nullish();

export const RestTemplateSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  image: z.string(),
  disk: int,
  mounts: z
    .object({ persistent: z.object({ size: z.number().int(), path: z.string() }).nullish() })
    .nullish(),
  ports: z.array(z.string()).nullish(),
  env: z.record(z.string(), z.string()).nullish(),
  serverless: z.boolean().nullish(),
  category: str,
});

export const RestTemplateListSchema = z.object({ templates: z.array(z.unknown()) });

export const RestCpuTypeSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  group: str,
  vcpu: z.object({ min: z.number().int(), max: z.number().int() }),
  ramGbPerVcpu: z.number(),
  price: z.object({ securePerVcpu: z.number().nullish() }).nullish(),
  dataCenters: z.array(z.object({ id: z.string() }).nullable()).nullish(),
});

export const RestCpuListSchema = z.object({ cpus: z.array(z.unknown()) });

/**
 * Not in the published structure: REST v2 (runpod/docs a900806) has no route that lists secrets.
 * podwarden asks `GET /v2/secrets` for the names only and takes any failure as "unknown"; the
 * sandbox's simulator answers it, RunPod today answers 404.
 */
export const RestSecretListSchema = z.object({
  secrets: z.array(z.object({ name: z.string().min(1) }).passthrough()),
});
