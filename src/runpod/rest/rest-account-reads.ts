import { RunpodError } from '../../domain/errors.js';
import type { BillingRecord, GpuType, NetworkVolume } from '../../domain/pod.js';
import type { Logger } from '../../lib/logger.js';
import {
  RestBillingSchema,
  RestGpuListSchema,
  RestGpuTypeSchema,
  RestNetworkVolumeListSchema,
  RestNetworkVolumeSchema,
  RestVolumeBillingRecordSchema,
} from './rest-schemas.js';
import { type RestTransport, restFailure } from './rest-transport.js';

/**
 * What REST v2 reads besides pods: the GPU catalogue with prices and stock
 * (`GET /catalog/gpus?include=AVAILABILITY`), the network volumes (`GET /network-volumes`) and
 * their billing (`GET /billing/network-volumes`). Items that do not read are logged and left out.
 */
const STOCK_WORDS: Record<string, string> = { HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low', NONE: 'None' };

export type RestReads = {
  listGpuTypes(): Promise<GpuType[]>;
  listNetworkVolumes(): Promise<NetworkVolume[]>;
  getVolumeBilling(from: Date, to: Date): Promise<BillingRecord[]>;
};

export function createRestReads(transport: RestTransport, logger: Logger): RestReads {
  const get = async (operation: string, path: string, query?: Record<string, string>) => {
    const answer = await transport.send(operation, 'GET', path, {
      safety: 'always',
      ...(query ? { query } : {}),
    });
    if (answer.status < 200 || answer.status >= 300) throw restFailure(answer, operation, logger);
    return answer.body;
  };
  const items = <T>(
    list: readonly unknown[],
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    operation: string,
  ): T[] =>
    list.flatMap((item) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) return [parsed.data];
      logger.warn({ operation }, 'runpod item skipped: unexpected shape');
      return [];
    });
  const shapeError = (what: string) =>
    new RunpodError('runpod_rejected', `RunPod's ${what} has an unexpected shape`);

  return {
    async listGpuTypes() {
      const body = RestGpuListSchema.safeParse(
        await get('listGpuTypes', '/catalog/gpus', { include: 'AVAILABILITY' }),
      );
      if (!body.success) throw shapeError('GPU catalogue');
      return items(body.data.gpus, RestGpuTypeSchema, 'listGpuTypes')
        .filter((gpu) => gpu.id !== 'unknown')
        .map(
          (gpu): GpuType => ({
            id: gpu.id,
            displayName: gpu.name,
            memoryInGb: gpu.memory ?? null,
            securePrice: gpu.secure === false ? null : (gpu.price?.secure ?? null),
            communityPrice: gpu.community === false ? null : (gpu.price?.community ?? null),
            // REST v2 has no spot prices; the gateway adds them from GraphQL while it lives.
            secureSpotPrice: null,
            communitySpotPrice: null,
            maxGpuCount: Math.max(gpu.maxCount?.secure ?? 0, gpu.maxCount?.community ?? 0) || null,
            stockStatus: gpu.availability ? (STOCK_WORDS[gpu.availability] ?? gpu.availability) : null,
            dataCenterIds: gpu.dataCenters ? gpu.dataCenters.flatMap((dc) => (dc ? [dc.id] : [])) : null,
          }),
        );
    },

    async listNetworkVolumes() {
      const body = RestNetworkVolumeListSchema.safeParse(await get('listNetworkVolumes', '/network-volumes'));
      if (!body.success) throw shapeError('network volume list');
      return items(body.data.networkVolumes, RestNetworkVolumeSchema, 'listNetworkVolumes').map((v) => ({
        id: v.id,
        name: v.name,
        sizeGb: v.size,
        dataCenterId: v.dataCenter ?? null,
      }));
    },

    async getVolumeBilling(from, to) {
      const body = RestBillingSchema.safeParse(
        await get('getVolumeBilling', '/billing/network-volumes', {
          bucketSize: 'day',
          startTime: from.toISOString(),
          endTime: to.toISOString(),
        }),
      );
      if (!body.success) throw shapeError('network volume billing');
      return items(body.data.records, RestVolumeBillingRecordSchema, 'getVolumeBilling').flatMap((r) => {
        const start = new Date(r.startTime);
        const end = new Date(r.endTime);
        if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return [];
        return [{ podId: r.networkVolumeId, start, end, totalAmount: r.totalAmount }];
      });
    },
  };
}
