import type { CpuType, DeployTemplate } from '../../domain/deploy-catalogue.js';
import type { Logger } from '../../lib/logger.js';
import {
  RestCpuListSchema,
  RestCpuTypeSchema,
  RestSecretListSchema,
  RestTemplateListSchema,
  RestTemplateSchema,
} from './rest-deploy-schemas.js';
import { type RestTransport, restFailure } from './rest-transport.js';

/**
 * The deploy form's catalogue over REST v2: templates (`GET /templates`, the account's own, and
 * `GET /catalog/templates`, RunPod's official ones), CPU types (`GET /catalog/cpus` with
 * availability by data center) and the secrets' names. Serverless templates are left out: a pod
 * cannot run them. Items that do not read are logged and skipped.
 */
export type RestDeployReads = {
  listTemplates(): Promise<DeployTemplate[]>;
  listCpuTypes(): Promise<CpuType[]>;
  /** null when RunPod does not say (see RestSecretListSchema). */
  listSecretNames(): Promise<string[] | null>;
};

const CATEGORIES = new Set(['CPU', 'NVIDIA', 'AMD']);

export function createRestDeployReads(transport: RestTransport, logger: Logger): RestDeployReads {
  const get = async (operation: string, path: string, query?: Record<string, string>) => {
    const answer = await transport.send(operation, 'GET', path, {
      safety: 'always',
      ...(query ? { query } : {}),
    });
    if (answer.status < 200 || answer.status >= 300) throw restFailure(answer, operation, logger);
    return answer.body;
  };

  const templates = async (operation: string, path: string, source: DeployTemplate['source']) => {
    const body = RestTemplateListSchema.safeParse(await get(operation, path));
    if (!body.success) {
      logger.warn({ operation }, 'runpod template list has an unexpected shape');
      return [];
    }
    return body.data.templates.flatMap((item): DeployTemplate[] => {
      const parsed = RestTemplateSchema.safeParse(item);
      if (!parsed.success) {
        logger.warn({ operation }, 'runpod template skipped: unexpected shape');
        return [];
      }
      const t = parsed.data;
      if (t.serverless) return [];
      return [
        {
          id: t.id,
          name: t.name,
          source,
          category:
            t.category && CATEGORIES.has(t.category) ? (t.category as DeployTemplate['category']) : null,
          image: t.image,
          containerDiskInGb: t.disk ?? null,
          volumeInGb: t.mounts?.persistent?.size ?? null,
          volumeMountPath: t.mounts?.persistent?.path ?? null,
          ports: t.ports ?? [],
          env: Object.entries(t.env ?? {}).map(([key, value]) => ({ key, value })),
        },
      ];
    });
  };

  return {
    async listTemplates() {
      const [own, runpod] = await Promise.all([
        templates('listTemplates', '/templates', 'own'),
        templates('listPublicTemplates', '/catalog/templates', 'runpod'),
      ]);
      return [...own, ...runpod];
    },

    async listCpuTypes() {
      const body = RestCpuListSchema.safeParse(
        await get('listCpuTypes', '/catalog/cpus', { include: 'AVAILABILITY' }),
      );
      if (!body.success) {
        logger.warn({ operation: 'listCpuTypes' }, 'runpod cpu catalogue has an unexpected shape');
        return [];
      }
      return body.data.cpus.flatMap((item): CpuType[] => {
        const parsed = RestCpuTypeSchema.safeParse(item);
        if (!parsed.success) {
          logger.warn({ operation: 'listCpuTypes' }, 'runpod cpu type skipped: unexpected shape');
          return [];
        }
        const c = parsed.data;
        return [
          {
            id: c.id,
            displayName: c.group ? `${c.name} (${c.group})` : c.name,
            vcpuMin: c.vcpu.min,
            vcpuMax: c.vcpu.max,
            ramGbPerVcpu: c.ramGbPerVcpu,
            pricePerVcpu: c.price?.securePerVcpu ?? null,
            dataCenterIds: c.dataCenters ? c.dataCenters.flatMap((dc) => (dc ? [dc.id] : [])) : null,
          },
        ];
      });
    },

    async listSecretNames() {
      const answer = await transport.send('listSecretNames', 'GET', '/secrets', { safety: 'always' });
      if (answer.status < 200 || answer.status >= 300) {
        logger.debug({ status: answer.status }, 'runpod lists no secrets over rest');
        return null;
      }
      const body = RestSecretListSchema.safeParse(answer.body);
      return body.success ? body.data.secrets.map((s) => s.name) : null;
    },
  };
}
