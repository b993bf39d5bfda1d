import { RunpodError } from '../../domain/errors.js';
import type { BillingRecord, DeployRequest, Pod } from '../../domain/pod.js';
import { type Clock, systemClock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { PodGateway } from '../../services/ports.js';
import { createGraphqlGateway } from '../graphql/create-graphql-gateway.js';
import { defaultRetryPolicy, type RetryPolicy, realSleep } from '../retry.js';
import { getRestPodConnection } from './rest-connection.js';
import {
  RestBillingRecordSchema,
  RestBillingSchema,
  RestPodListSchema,
  RestPodSchema,
} from './rest-schemas.js';
import { restToDomainPod } from './rest-to-domain-pod.js';
import { createRestTransport, type RestAnswer, restFailure } from './rest-transport.js';

export type RestGatewayOptions = {
  /** REST v2 base with `/v2`, e.g. https://api.runpod.io/v2. */
  restUrl: string;
  /** For what only GraphQL has: balance, spend rate, the GPU catalogue with stock. */
  graphqlUrl: string;
  apiKey: string;
  logger: Logger;
  timeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: Clock;
};

const DAY_MS = 86_400_000;
const noSpot = () => new RunpodError('runpod_rejected', 'REST v2 has no spot support');

/**
 * PodGateway over RunPod REST v2: pods through `/pods` routes, billing history through
 * `/billing/pods`. Balance and spend rate exist only in GraphQL (runpod-api.md §0.2), and so does a
 * GPU catalogue with stock status, so those calls go to GraphQL. Repeats follow the GraphQL gateway:
 * stop and terminate are repeated after transient failures (a 409 or 404 on a repeat means the first
 * attempt went through), start and create only when RunPod surely did not receive them.
 */
export function createRestGateway(options: RestGatewayOptions): PodGateway {
  const logger = options.logger.child({ adapter: 'runpod-rest' });
  const shared = {
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: options.retry ?? defaultRetryPolicy,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    clock: options.clock ?? systemClock,
  };
  const transport = createRestTransport({ ...shared, restUrl: options.restUrl, logger });
  const graphql = createGraphqlGateway({ ...shared, url: options.graphqlUrl, logger: options.logger });

  const succeeded = (answer: RestAnswer) => answer.status >= 200 && answer.status < 300;

  const toPods = (items: readonly unknown[], operation: string): Pod[] =>
    items.flatMap((item) => {
      const parsed = RestPodSchema.safeParse(item);
      if (parsed.success) return [restToDomainPod(parsed.data)];
      logger.warn(
        { operation, issues: parsed.error.issues.slice(0, 3) },
        'runpod pod skipped: unexpected shape',
      );
      return [];
    });

  /** A lifecycle call; `doneIf` statuses on a repeated attempt mean the first attempt went through. */
  const act = async (operation: string, answer: RestAnswer, doneIf: number[]) => {
    if (succeeded(answer)) return;
    if (answer.attempt > 1 && doneIf.includes(answer.status)) {
      logger.info(
        { operation, status: answer.status },
        'runpod call repeated after it had taken effect; counted as done',
      );
      return;
    }
    throw restFailure(answer, operation, logger);
  };

  return {
    async listPods() {
      const answer = await transport.send('listPods', 'GET', '/pods', { safety: 'always' });
      if (!succeeded(answer)) throw restFailure(answer, 'listPods', logger);
      const parsed = RestPodListSchema.safeParse(answer.body);
      if (!parsed.success)
        throw new RunpodError('runpod_rejected', "RunPod's pod list has an unexpected shape");
      const items = Array.isArray(parsed.data) ? parsed.data : (parsed.data.pods ?? []);
      return toPods(items, 'listPods');
    },

    async getPod(podId) {
      const answer = await transport.send('getPod', 'GET', `/pods/${encodeURIComponent(podId)}`, {
        safety: 'always',
      });
      if (answer.status === 404) return null;
      if (!succeeded(answer)) throw restFailure(answer, 'getPod', logger);
      return toPods([answer.body], 'getPod')[0] ?? null;
    },

    async stopPod(podId) {
      const path = `/pods/${encodeURIComponent(podId)}/action`;
      const answer = await transport.send('stopPod', 'POST', path, {
        body: { action: 'stop' },
        safety: 'always',
      });
      await act('stopPod', answer, [409]);
    },

    async resumePod(podId, gpuCount) {
      // REST v2 `start` takes no GPU count: the pod comes back with the GPUs it had.
      logger.debug({ pod: podId, gpuCount }, 'runpod rest start ignores the gpu count');
      const path = `/pods/${encodeURIComponent(podId)}/action`;
      const answer = await transport.send('resumePod', 'POST', path, {
        body: { action: 'start' },
        safety: 'unsent-only',
      });
      await act('resumePod', answer, []);
    },

    bidResumePod: async () => {
      throw noSpot();
    },

    async terminatePod(podId) {
      const answer = await transport.send('terminatePod', 'DELETE', `/pods/${encodeURIComponent(podId)}`, {
        safety: 'always',
      });
      await act('terminatePod', answer, [404]);
    },

    async deployPod(request: DeployRequest) {
      if (request.spot) throw noSpot();
      // The create body's `disk` shape is not in our reference; it is the simulator's (see sim-rest.ts).
      const body = {
        name: request.name,
        image: request.imageName,
        gpu: { id: request.gpuTypeId, count: request.gpuCount },
        ...(request.cloudType === 'ALL' ? {} : { cloud: request.cloudType }),
        disk: {
          containerInGb: request.containerDiskInGb,
          volumeInGb: request.volumeInGb,
          ...(request.volumeInGb > 0 ? { volumeMountPath: '/workspace' } : {}),
        },
      };
      const answer = await transport.send('deployPod', 'POST', '/pods', { body, safety: 'unsent-only' });
      if (!succeeded(answer)) throw restFailure(answer, 'deployPod', logger);
      const pod = toPods([answer.body], 'deployPod')[0];
      if (!pod) throw new RunpodError('runpod_rejected', 'RunPod answered the deploy without a pod');
      return pod;
    },

    getPodConnection: (podId) => getRestPodConnection(transport, logger, podId),

    listGpuTypes: () => graphql.listGpuTypes(),
    getAccount: () => graphql.getAccount(),
    /** Network volumes are read over GraphQL, like the account. */
    listNetworkVolumes: () => graphql.listNetworkVolumes?.() ?? Promise.resolve([]),

    async getBilling(from, to) {
      const answer = await transport.send('getBilling', 'GET', '/billing/pods', {
        query: { bucketSize: 'day', startTime: from.toISOString(), endTime: to.toISOString() },
        safety: 'always',
      });
      if (!succeeded(answer)) throw restFailure(answer, 'getBilling', logger);
      const parsed = RestBillingSchema.safeParse(answer.body);
      if (!parsed.success)
        throw new RunpodError('runpod_rejected', "RunPod's billing answer has an unexpected shape");
      return (parsed.data.records ?? []).flatMap((item): BillingRecord[] => {
        const record = RestBillingRecordSchema.safeParse(item);
        if (!record.success || !record.data.podId) return [];
        const startText = record.data.startTime ?? record.data.time;
        const start = startText ? new Date(startText) : null;
        if (!start || Number.isNaN(start.getTime())) return [];
        const end = record.data.endTime ? new Date(record.data.endTime) : new Date(start.getTime() + DAY_MS);
        const amount = record.data.totalAmount ?? record.data.amount ?? 0;
        return [{ podId: record.data.podId, start, end, totalAmount: amount }];
      });
    },
  };
}
