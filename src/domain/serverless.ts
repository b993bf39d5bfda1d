import type { BillingRecord } from './pod.js';

/**
 * RunPod serverless endpoints, read only. An endpoint's always-on workers (`workers.min` > 0 in
 * REST v2's `Endpoint`) run and bill around the clock whether or not requests come, like an idle
 * pod; the others bill only while they work. What an endpoint really cost comes from RunPod's
 * serverless billing (`GET /v2/billing/serverless`, per `serverlessId`); what its always-on
 * workers cost a day is estimated from the GPU price, since billing does not split it out.
 */
export type ServerlessEndpoint = {
  id: string;
  name: string;
  /** `workers.min`: workers kept running all the time. */
  workersMin: number;
  workersMax: number | null;
  /** `gpu.pools` in RunPod's order of preference (e.g. `ADA_24`); empty for CPU endpoints. */
  gpuPools: string[];
  /** `gpu.count`: GPUs per worker. */
  gpuCount: number;
};

/** What the reports need from RunPod: endpoints now, their billing over the period, GPU prices. */
export type ServerlessFacts = {
  endpoints: ServerlessEndpoint[];
  /** Billing per endpoint (`podId` holds the endpoint id), buckets of a day or less. */
  billing: BillingRecord[];
  /** GPU pool id → the catalogue's serverless GPU price (see perGpuHour); absent: unknown. */
  poolPrices: ReadonlyMap<string, number>;
};

export type EndpointSpend = {
  id: string;
  name: string;
  /** RunPod's billed amount over the period. */
  billedUsd: number;
  workersMin: number;
  /** Estimated cost a day of the always-on workers; null when none or no price is known. */
  alwaysOnUsdPerDay: number | null;
  /** The GPU price the estimate used (USD per GPU per hour). */
  perGpuHourUsd: number | null;
  gpuCount: number;
  /** The endpoint no longer exists; its billing in the period still counts. */
  gone: boolean;
};

export type ServerlessSpend = {
  kind: 'ok';
  totalUsd: number;
  /** Most expensive first; endpoints with always-on workers are kept even at $0. */
  endpoints: EndpointSpend[];
};

/** Serverless could not be read: the reports leave it out with one plain line. */
export type ServerlessUnavailable = { kind: 'unavailable'; reason: 'auth' | 'unreachable' | 'rejected' };

export type ServerlessReport = ServerlessSpend | ServerlessUnavailable;

/** Below half a cent counts as nothing. */
const NOTHING_USD = 0.005;

/**
 * The serverless GPU price in the catalogue is read as USD per GPU per hour, like the pod prices
 * beside it. Its unit is not documented (the published structure carries no descriptions); a
 * value under one cent cannot be an hourly GPU price and is read as per second. Open question.
 */
export function perGpuHour(price: number): number {
  return price > 0 && price < 0.01 ? price * 3600 : price;
}

/** The first of the endpoint's pools (its preferred GPUs) whose price is known. */
export function poolPrice(endpoint: ServerlessEndpoint, prices: ReadonlyMap<string, number>): number | null {
  for (const pool of endpoint.gpuPools) {
    const price = prices.get(pool);
    if (price !== undefined && price > 0) return perGpuHour(price);
  }
  return null;
}

/** workers.min × GPUs per worker × GPU price × 24 h; null without always-on workers or a price. */
export function alwaysOnUsdPerDay(
  endpoint: ServerlessEndpoint,
  prices: ReadonlyMap<string, number>,
): number | null {
  if (endpoint.workersMin <= 0) return null;
  const price = poolPrice(endpoint, prices);
  if (price === null) return null;
  return endpoint.workersMin * Math.max(1, endpoint.gpuCount) * price * 24;
}

/** Billed amount of [from, to) per endpoint; buckets partly inside count in proportion. */
function billedByEndpoint(records: readonly BillingRecord[], from: Date, to: Date): Map<string, number> {
  const totals = new Map<string, number>();
  for (const record of records) {
    const startMs = record.start.getTime();
    const endMs = record.end.getTime();
    const overlap = Math.min(endMs, to.getTime()) - Math.max(startMs, from.getTime());
    if (endMs <= startMs || overlap <= 0) continue;
    const usd = (record.totalAmount * overlap) / (endMs - startMs);
    totals.set(record.podId, (totals.get(record.podId) ?? 0) + usd);
  }
  return totals;
}

/** Spend per endpoint over [from, to), with the always-on estimate. Pure. */
export function serverlessSpend(facts: ServerlessFacts, from: Date, to: Date): ServerlessSpend {
  const billed = billedByEndpoint(facts.billing, from, to);
  const known = new Set(facts.endpoints.map((e) => e.id));
  const rows: EndpointSpend[] = facts.endpoints.map((endpoint) => {
    const price = endpoint.workersMin > 0 ? poolPrice(endpoint, facts.poolPrices) : null;
    return {
      id: endpoint.id,
      name: endpoint.name,
      billedUsd: billed.get(endpoint.id) ?? 0,
      workersMin: endpoint.workersMin,
      alwaysOnUsdPerDay: alwaysOnUsdPerDay(endpoint, facts.poolPrices),
      perGpuHourUsd: price,
      gpuCount: endpoint.gpuCount,
      gone: false,
    };
  });
  for (const [id, usd] of billed) {
    if (known.has(id) || usd < NOTHING_USD) continue;
    rows.push({
      id,
      name: id,
      billedUsd: usd,
      workersMin: 0,
      alwaysOnUsdPerDay: null,
      perGpuHourUsd: null,
      gpuCount: 0,
      gone: true,
    });
  }
  const endpoints = rows
    .filter((row) => row.billedUsd >= NOTHING_USD || row.workersMin > 0)
    .sort((a, b) => b.billedUsd - a.billedUsd || b.workersMin - a.workersMin || a.name.localeCompare(b.name));
  return { kind: 'ok', totalUsd: endpoints.reduce((sum, row) => sum + row.billedUsd, 0), endpoints };
}

/** Endpoints whose workers run all the time. */
export const alwaysOnEndpoints = (spend: ServerlessSpend): EndpointSpend[] =>
  spend.endpoints.filter((e) => e.workersMin > 0);
