import { RunpodError } from '../../domain/errors.js';
import type { BillingRecord } from '../../domain/pod.js';
import type { ServerlessEndpoint, ServerlessFacts } from '../../domain/serverless.js';
import type { Logger } from '../../lib/logger.js';
import {
  RestBillingSchema,
  RestEndpointListSchema,
  RestEndpointSchema,
  RestGpuListSchema,
  RestGpuPoolPriceSchema,
  RestServerlessBillingRecordSchema,
} from './rest-schemas.js';
import { type RestTransport, restFailure } from './rest-transport.js';

/**
 * Serverless, read only, over REST v2 in both API modes (GraphQL has no confirmed serverless
 * fields): the endpoints (`GET /serverless`), their billing (`GET /billing/serverless`, per
 * `serverlessId`) and the GPU pools' prices from the catalogue (`GET /catalog/gpus`: each GPU type
 * names its `pool`; its `price.serverless`, else `price.secure`, prices the pool). podwarden never
 * changes an endpoint. Items that do not read are logged and left out.
 */
const HOUR_MS = 3_600_000;
/** Up to this span billing is asked per hour, so local days cut cleanly; beyond it per day. */
const HOURLY_UP_TO_MS = 8 * 24 * HOUR_MS;

export async function readRestServerless(
  transport: RestTransport,
  logger: Logger,
  from: Date,
  to: Date,
): Promise<ServerlessFacts> {
  const get = async (operation: string, path: string, query?: Record<string, string>) => {
    const answer = await transport.send(operation, 'GET', path, {
      safety: 'always',
      ...(query ? { query } : {}),
    });
    if (answer.status < 200 || answer.status >= 300) throw restFailure(answer, operation, logger);
    return answer.body;
  };
  const shapeError = (what: string) =>
    new RunpodError('runpod_rejected', `RunPod's ${what} has an unexpected shape`);

  const [endpointsBody, billingBody, catalogueBody] = await Promise.all([
    get('listServerlessEndpoints', '/serverless'),
    get('getServerlessBilling', '/billing/serverless', {
      bucketSize: to.getTime() - from.getTime() <= HOURLY_UP_TO_MS ? 'hour' : 'day',
      startTime: from.toISOString(),
      endTime: to.toISOString(),
    }),
    get('listGpuPoolPrices', '/catalog/gpus'),
  ]);

  const list = RestEndpointListSchema.safeParse(endpointsBody);
  if (!list.success) throw shapeError('serverless endpoint list');
  const endpoints = list.data.endpoints.flatMap((item): ServerlessEndpoint[] => {
    const parsed = RestEndpointSchema.safeParse(item);
    if (!parsed.success) {
      logger.warn({ operation: 'listServerlessEndpoints' }, 'runpod endpoint skipped: unexpected shape');
      return [];
    }
    const e = parsed.data;
    return [
      {
        id: e.id,
        name: e.name || e.id,
        workersMin: Math.max(0, e.workers?.min ?? 0),
        workersMax: e.workers?.max ?? null,
        gpuPools: e.gpu?.pools ?? [],
        gpuCount: e.gpu ? (e.gpu.count ?? 1) : 0,
      },
    ];
  });

  const billing = RestBillingSchema.safeParse(billingBody);
  if (!billing.success) throw shapeError('serverless billing');
  const records = billing.data.records.flatMap((item): BillingRecord[] => {
    const parsed = RestServerlessBillingRecordSchema.safeParse(item);
    if (!parsed.success) {
      logger.warn({ operation: 'getServerlessBilling' }, 'runpod billing record skipped: unexpected shape');
      return [];
    }
    const start = new Date(parsed.data.startTime);
    const end = new Date(parsed.data.endTime);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return [];
    return [{ podId: parsed.data.serverlessId, start, end, totalAmount: parsed.data.totalAmount }];
  });

  return { endpoints, billing: records, poolPrices: poolPricesOf(catalogueBody) };
}

/**
 * Pool id → the lowest serverless price among its GPU types; a pool none of whose types carries a
 * serverless price gets its lowest secure pod price instead (the two are never compared).
 */
function poolPricesOf(body: unknown): Map<string, number> {
  const serverless = new Map<string, number>();
  const secure = new Map<string, number>();
  const keepLowest = (map: Map<string, number>, pool: string, price: number | null | undefined) => {
    if (price === null || price === undefined || price <= 0) return;
    const known = map.get(pool);
    if (known === undefined || price < known) map.set(pool, price);
  };
  const catalogue = RestGpuListSchema.safeParse(body);
  if (!catalogue.success) return serverless;
  for (const item of catalogue.data.gpus) {
    const parsed = RestGpuPoolPriceSchema.safeParse(item);
    if (!parsed.success || !parsed.data.pool) continue;
    keepLowest(serverless, parsed.data.pool, parsed.data.price?.serverless);
    keepLowest(secure, parsed.data.pool, parsed.data.price?.secure);
  }
  for (const [pool, price] of secure) if (!serverless.has(pool)) serverless.set(pool, price);
  return serverless;
}
