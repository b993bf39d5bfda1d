import { jsonResponse, problemResponse, type SimResponse } from './sim-http.js';

/**
 * Serverless endpoints of the simulated account and what RunPod bills for them, served as REST v2
 * publishes them (`ListEndpointsResponse`, `Endpoint`, `ListServerlessBillingResponse`; the tests
 * validate every answer against runpod-rest-v2-schemas.json). Always-on workers (`workers.min`)
 * bill every second at the pool's serverless price; on top of that an endpoint bills a steady
 * `flexUsdPerDay` for the workers that requests wake up (a simplification: no request model).
 */
export type SimEndpoint = {
  id: string;
  name: string;
  image: string;
  env: Record<string, string>;
  /** GPU pools in order of preference, e.g. `ADA_24`. */
  gpuPools: string[];
  gpuCount: number;
  workersMin: number;
  workersMax: number;
  createdAt: Date;
  flexUsdPerDay: number;
};

export type SimEndpointInput = Omit<SimEndpoint, 'env' | 'createdAt' | 'flexUsdPerDay'> &
  Partial<Pick<SimEndpoint, 'env' | 'createdAt' | 'flexUsdPerDay'>>;

/**
 * GPU type id → its serverless pool and price (USD per GPU per hour, plausible list prices of
 * always-on workers). The catalogue (`GET /v2/catalog/gpus`) reports both.
 */
export const SERVERLESS_POOLS: Readonly<Record<string, { pool: string; serverlessPrice: number }>> = {
  'NVIDIA H100 80GB HBM3': { pool: 'ADA_80_PRO', serverlessPrice: 3.35 },
  'NVIDIA A100 80GB PCIe': { pool: 'AMPERE_80', serverlessPrice: 2.17 },
  'NVIDIA L40S': { pool: 'ADA_48_PRO', serverlessPrice: 1.33 },
  'NVIDIA RTX A6000': { pool: 'AMPERE_48', serverlessPrice: 0.85 },
  'NVIDIA GeForce RTX 4090': { pool: 'ADA_24', serverlessPrice: 0.77 },
};

/** The lowest serverless price of a pool's GPU types; null for a pool the simulator does not rent. */
export function simPoolPrice(pool: string): number | null {
  const prices = Object.values(SERVERLESS_POOLS)
    .filter((entry) => entry.pool === pool)
    .map((entry) => entry.serverlessPrice);
  return prices.length === 0 ? null : Math.min(...prices);
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const round = (usd: number): number => Math.round(usd * 10_000) / 10_000;

/** USD per hour of the endpoint's always-on workers, at its first pool with a price. */
export function alwaysOnUsdPerHour(endpoint: SimEndpoint): number {
  if (endpoint.workersMin <= 0) return 0;
  for (const pool of endpoint.gpuPools) {
    const price = simPoolPrice(pool);
    if (price !== null) return endpoint.workersMin * endpoint.gpuCount * price;
  }
  return 0;
}

/** What the endpoint cost over [from, to), up to `now` and from its creation. */
export function endpointSpend(endpoint: SimEndpoint, from: number, to: number, now: number): number {
  const ms = Math.max(0, Math.min(to, now) - Math.max(from, endpoint.createdAt.getTime()));
  return (alwaysOnUsdPerHour(endpoint) * ms) / HOUR_MS + (endpoint.flexUsdPerDay * ms) / DAY_MS;
}

export const restEndpoint = (endpoint: SimEndpoint) => ({
  id: endpoint.id,
  name: endpoint.name,
  type: 'QUEUE',
  image: endpoint.image,
  env: { ...endpoint.env },
  registry: null,
  // A CPU endpoint (no pools) has `gpu: null` and a CPU flavour instead.
  ...(endpoint.gpuPools.length > 0
    ? {
        gpu: {
          pools: [...endpoint.gpuPools],
          count: Math.max(1, endpoint.gpuCount),
          allowedCudaVersions: [],
          minCudaVersion: null,
        },
      }
    : { gpu: null, cpu: [{ id: 'cpu3c-2-4', vcpuCount: 2, memory: 4 }] }),
  workers: { min: endpoint.workersMin, max: endpoint.workersMax, idleTimeout: 5 },
  scaling: { type: 'QUEUE_DELAY', queueDelay: 4 },
  dataCenterIds: ['EU-RO-1'],
  networkVolumes: [],
  timeout: 600,
  flashboot: 'FLASHBOOT',
  createdAt: endpoint.createdAt.toISOString(),
});

const BUCKETS: Record<string, number> = { hour: HOUR_MS, day: DAY_MS };

/** `GET /v2/billing/serverless`: one record per endpoint and bucket with a charge. */
export function serverlessBilling(
  endpoints: readonly SimEndpoint[],
  now: Date,
  params: URLSearchParams,
): SimResponse {
  const bucketSize = params.get('bucketSize') ?? 'day';
  const bucketMs = BUCKETS[bucketSize];
  if (bucketMs === undefined) return problemResponse(422, 'bucketSize must be hour or day in the simulator.');
  const start = new Date(params.get('startTime') ?? '');
  const end = new Date(params.get('endTime') ?? '');
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
    return problemResponse(422, 'startTime and endTime (RFC 3339) are required.');
  }
  const wanted = params.get('serverlessId');
  const records = [];
  for (const endpoint of endpoints) {
    if (wanted && endpoint.id !== wanted) continue;
    for (
      let bucket = Math.floor(start.getTime() / bucketMs) * bucketMs;
      bucket < end.getTime();
      bucket += bucketMs
    ) {
      const amount = round(endpointSpend(endpoint, bucket, bucket + bucketMs, now.getTime()));
      if (amount <= 0) continue;
      records.push({
        serverlessId: endpoint.id,
        startTime: new Date(bucket).toISOString(),
        endTime: new Date(bucket + bucketMs).toISOString(),
        totalAmount: amount,
        gpuAmount: amount,
        cpuAmount: 0,
        diskAmount: 0,
        feeAmount: 0,
      });
    }
  }
  const total = round(records.reduce((sum, r) => sum + r.totalAmount, 0));
  return jsonResponse(200, {
    records,
    metadata: {
      query: { startTime: start.toISOString(), endTime: end.toISOString(), bucketSize, serverlessId: wanted },
      recordCount: records.length,
      uniqueServerlessCount: new Set(records.map((r) => r.serverlessId)).size,
      totals: { totalAmount: total, gpuAmount: total, cpuAmount: 0, diskAmount: 0, feeAmount: 0 },
    },
  });
}

/** The serverless reads (`/serverless`, `/serverless/{id}`, `/billing/serverless`); null otherwise. */
export function restServerlessRoute(
  endpoints: readonly SimEndpoint[],
  now: Date,
  method: string,
  segments: readonly string[],
  params: URLSearchParams,
): SimResponse | null {
  const [collection, id, sub] = segments;
  if (collection === 'billing' && id === 'serverless' && sub === undefined && method === 'GET')
    return serverlessBilling(endpoints, now, params);
  if (collection !== 'serverless' || sub !== undefined) return null;
  if (method !== 'GET')
    return problemResponse(405, `${method} /serverless is not simulated (podwarden only reads).`);
  if (id === undefined) return jsonResponse(200, { endpoints: endpoints.map(restEndpoint) });
  const endpoint = endpoints.find((e) => e.id === id);
  return endpoint
    ? jsonResponse(200, restEndpoint(endpoint))
    : problemResponse(404, `Endpoint ${id} not found.`);
}
