import { gpuDataCenters, restCpuType, restTemplate } from './sim-deploy-catalogue.js';
import { jsonResponse, problemResponse, type SimResponse } from './sim-http.js';
import { SERVERLESS_POOLS } from './sim-serverless.js';
import type { SimWorld } from './sim-world.js';

/**
 * REST v2 reads besides pods, in the published shapes (`ListGpuTypesResponse`,
 * `ListNetworkVolumesResponse`, `ListNetworkVolumeBillingResponse`, `ListTemplatesResponse`,
 * `ListCpuTypesResponse`): the GPU and CPU catalogues, templates, the network volumes and their
 * billing, and (sandbox only) the secrets' names. Null when the route is not one of these.
 */
const NETWORK_VOLUME_USD_PER_GB_MONTH = 0.07;
const NETWORK_VOLUME_LARGE_USD_PER_GB_MONTH = 0.05;
const MONTH_MS = 30 * 86_400_000;
const round = (usd: number): number => Math.round(usd * 10_000) / 10_000;

function availabilityOf(free: number): 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE' {
  if (free >= 8) return 'HIGH';
  if (free >= 3) return 'MEDIUM';
  return free >= 1 ? 'LOW' : 'NONE';
}

function gpuCatalogue(world: SimWorld, params: URLSearchParams) {
  const withAvailability = (params.get('include') ?? '').split(',').includes('AVAILABILITY');
  return {
    gpus: world.gpuTypes().map((type) => ({
      id: type.id,
      name: type.displayName,
      pool: SERVERLESS_POOLS[type.id]?.pool ?? null,
      manufacturer: type.manufacturer.toUpperCase() === 'NVIDIA' ? 'NVIDIA' : 'UNKNOWN',
      memory: type.memoryInGb,
      secure: type.securePrice > 0,
      community: type.communityPrice > 0,
      price: {
        secure: type.securePrice,
        community: type.communityPrice,
        ...(SERVERLESS_POOLS[type.id] ? { serverless: SERVERLESS_POOLS[type.id]?.serverlessPrice } : {}),
      },
      maxCount: { secure: type.maxGpuCount, community: type.maxGpuCount },
      ...(withAvailability
        ? {
            availability: availabilityOf(type.available),
            dataCenters: gpuDataCenters(type.id).map((id) => ({
              id,
              name: id,
              availability: availabilityOf(type.available),
            })),
          }
        : {}),
    })),
  };
}

/** A volume's size as REST states it: an integer of at least 10 GB (GraphQL-only test data may lack one). */
const sizeOf = (size: number | null): number => Math.max(10, Math.round(size ?? 10));

function volumeBilling(world: SimWorld, params: URLSearchParams): SimResponse {
  const bucketSize = params.get('bucketSize') ?? 'day';
  const bucketMs = bucketSize === 'hour' ? 3_600_000 : bucketSize === 'day' ? 86_400_000 : null;
  if (bucketMs === null) return problemResponse(422, 'bucketSize must be hour or day in the simulator.');
  const start = new Date(params.get('startTime') ?? '');
  const end = new Date(params.get('endTime') ?? '');
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
    return problemResponse(422, 'startTime and endTime (RFC 3339) are required.');
  }
  const now = world.clock.now().getTime();
  const wanted = params.get('networkVolumeId');
  const records = [];
  // Simplification: a volume is billed for the whole window up to now (the simulator keeps no
  // creation time for volumes), at the storage price of shared/reference/README.md.
  for (const volume of world.networkVolumes()) {
    if (wanted && volume.id !== wanted) continue;
    const size = sizeOf(volume.size);
    const rate = size >= 1000 ? NETWORK_VOLUME_LARGE_USD_PER_GB_MONTH : NETWORK_VOLUME_USD_PER_GB_MONTH;
    for (
      let bucket = Math.floor(start.getTime() / bucketMs) * bucketMs;
      bucket < end.getTime();
      bucket += bucketMs
    ) {
      const ms = Math.max(0, Math.min(bucket + bucketMs, now) - bucket);
      if (ms === 0) continue;
      const amount = round((size * rate * ms) / MONTH_MS);
      records.push({
        networkVolumeId: volume.id,
        startTime: new Date(bucket).toISOString(),
        endTime: new Date(bucket + bucketMs).toISOString(),
        totalAmount: amount,
        standardAmount: amount,
        highPerformanceAmount: 0,
      });
    }
  }
  const total = round(records.reduce((sum, r) => sum + r.totalAmount, 0));
  return jsonResponse(200, {
    records,
    metadata: {
      query: {
        startTime: start.toISOString(),
        endTime: end.toISOString(),
        bucketSize,
        networkVolumeId: wanted,
      },
      recordCount: records.length,
      uniqueNetworkVolumeCount: new Set(records.map((r) => r.networkVolumeId)).size,
      totals: { totalAmount: total, standardAmount: total, highPerformanceAmount: 0 },
    },
  });
}

export function restAccountRoute(
  world: SimWorld,
  method: string,
  segments: string[],
  params: URLSearchParams,
) {
  if (method !== 'GET') return null;
  const route = segments.join('/');
  if (route === 'catalog/gpus') return jsonResponse(200, gpuCatalogue(world, params));
  if (route === 'network-volumes') {
    return jsonResponse(200, {
      networkVolumes: world.networkVolumes().map((v) => ({
        id: v.id,
        name: v.name ?? v.id,
        size: sizeOf(v.size),
        dataCenter: v.dataCenterId ?? 'EU-RO-1',
        type: 'STANDARD',
      })),
    });
  }
  if (route === 'billing/network-volumes') return volumeBilling(world, params);
  if (route === 'templates') {
    return jsonResponse(200, {
      templates: world
        .templates()
        .filter((t) => !t.public)
        .map(restTemplate),
    });
  }
  if (route === 'catalog/templates') {
    return jsonResponse(200, {
      templates: world
        .templates()
        .filter((t) => t.public)
        .map(restTemplate),
    });
  }
  if (route === 'catalog/cpus') {
    const withAvailability = (params.get('include') ?? '').split(',').includes('AVAILABILITY');
    return jsonResponse(200, { cpus: world.cpuTypes().map((c) => restCpuType(c, withAvailability)) });
  }
  // Not in RunPod's published REST v2 (no secrets route there): the sandbox serves the names so
  // the deploy form can offer them; see src/runpod/rest/rest-deploy-schemas.ts.
  if (route === 'secrets')
    return jsonResponse(200, { secrets: world.secretNames().map((name) => ({ name })) });
  return null;
}
