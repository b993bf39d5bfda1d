import { RunpodError } from '../../domain/errors.js';
import type { BillingRecord, DeployRequest, Pod } from '../../domain/pod.js';
import { type Clock, systemClock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { PodGateway } from '../../services/ports.js';
import { createGraphqlGateway } from '../graphql/create-graphql-gateway.js';
import { defaultRetryPolicy, type RetryPolicy, realSleep } from '../retry.js';
import { createGraphqlRemnant } from './graphql-remnant.js';
import { createRestReads } from './rest-account-reads.js';
import { getRestPodConnection } from './rest-connection.js';
import { restCreateBody } from './rest-create-body.js';
import { createRestDeployReads } from './rest-deploy-reads.js';
import { RestBillingRecordSchema, RestBillingSchema, RestPodListSchema } from './rest-schemas.js';
import { parseRestPod } from './rest-to-domain-pod.js';
import { createRestTransport, type RestAnswer, restFailure } from './rest-transport.js';

export type RestGatewayOptions = {
  /** REST v2 base with `/v2`, e.g. https://api.runpod.io/v2. */
  restUrl: string;
  /** For what only GraphQL has: balance, spend rate, spot deploys, bid resumes, spot prices. */
  graphqlUrl: string;
  apiKey: string;
  logger: Logger;
  timeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: Clock;
};

/**
 * PodGateway over RunPod REST v2: pods through `/pods` routes, the GPU catalogue through
 * `/catalog/gpus`, the deploy form's templates and CPU types (rest-deploy-reads.ts), network volumes through `/network-volumes`, billing history through
 * `/billing/pods` and `/billing/network-volumes`. Balance, spend rate and spot exist only in
 * GraphQL (see graphql-remnant.ts), which may be gone without anything else failing. Repeats follow the GraphQL gateway:
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
  const graphql = createGraphqlRemnant(
    createGraphqlGateway({ ...shared, url: options.graphqlUrl, logger: options.logger }),
    logger,
  );
  const reads = createRestReads(transport, logger);
  const deployReads = createRestDeployReads(transport, logger);

  const succeeded = (answer: RestAnswer) => answer.status >= 200 && answer.status < 300;

  const toPods = (items: readonly unknown[], operation: string): Pod[] =>
    items.flatMap((item) => {
      const pod = parseRestPod(item, operation, logger);
      return pod ? [pod] : [];
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
      return withSpotFacts(toPods(parsed.data.pods, 'listPods'));
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
      // Not verified against the live API: whether `start` can bring a pod back with 0 GPUs, as the
      // console's zero-GPU start does; the resume is reported from the pod as re-read.
      logger.debug({ pod: podId, gpuCount }, 'runpod rest start ignores the gpu count');
      const path = `/pods/${encodeURIComponent(podId)}/action`;
      const answer = await transport.send('resumePod', 'POST', path, {
        body: { action: 'start' },
        safety: 'unsent-only',
      });
      await act('resumePod', answer, []);
    },

    bidResumePod: (podId, gpuCount, bidPerGpu) => graphql.bidResumePod(podId, gpuCount, bidPerGpu),
    getSpotFacts: (podId) => graphql.spotFactsOf(podId),

    async terminatePod(podId) {
      const answer = await transport.send('terminatePod', 'DELETE', `/pods/${encodeURIComponent(podId)}`, {
        safety: 'always',
      });
      await act('terminatePod', answer, [404]);
    },

    async deployPod(request: DeployRequest) {
      if (request.spot) return graphql.deploySpot(request);
      const body = restCreateBody(request);
      const answer = await transport.send('deployPod', 'POST', '/pods', { body, safety: 'unsent-only' });
      if (!succeeded(answer)) throw restFailure(answer, 'deployPod', logger);
      const pod = toPods([answer.body], 'deployPod')[0];
      if (!pod) throw new RunpodError('runpod_rejected', 'RunPod answered the deploy without a pod');
      return pod;
    },

    getPodConnection: (podId) => getRestPodConnection(transport, logger, podId),

    async listGpuTypes() {
      const [types, spot] = await Promise.all([reads.listGpuTypes(), graphql.spotPrices()]);
      return types.map((type) => ({ ...type, ...spot.get(type.id) }));
    },
    getAccount: () => graphql.getAccount(),
    listNetworkVolumes: () => reads.listNetworkVolumes(),
    listTemplates: () => deployReads.listTemplates(),
    listCpuTypes: () => deployReads.listCpuTypes(),
    listSecretNames: () => deployReads.listSecretNames(),

    /** Pods and network volumes together: podwarden's own figure charges both. */
    async getBilling(from, to) {
      const [pods, volumes] = await Promise.all([podBilling(from, to), reads.getVolumeBilling(from, to)]);
      return [...pods, ...volumes];
    },
  };

  /**
   * Stopped pods get their spot facts from GraphQL, where only they exist: a spot pod resumes with
   * a bid. Asked only when a pod is stopped, so a running account costs no GraphQL call.
   */
  async function withSpotFacts(pods: Pod[]): Promise<Pod[]> {
    if (!pods.some((p) => p.status === 'EXITED')) return pods;
    const facts = await graphql.spotFacts();
    return pods.map((p) => (p.status === 'EXITED' && facts.has(p.id) ? { ...p, ...facts.get(p.id) } : p));
  }

  async function podBilling(from: Date, to: Date): Promise<BillingRecord[]> {
    // Not verified against the live API: how RunPod snaps startTime / endTime to day buckets (and
    // in which zone), and whether a day still being billed is in the answer.
    const answer = await transport.send('getBilling', 'GET', '/billing/pods', {
      query: { bucketSize: 'day', startTime: from.toISOString(), endTime: to.toISOString() },
      safety: 'always',
    });
    if (!succeeded(answer)) throw restFailure(answer, 'getBilling', logger);
    const parsed = RestBillingSchema.safeParse(answer.body);
    if (!parsed.success)
      throw new RunpodError('runpod_rejected', "RunPod's billing answer has an unexpected shape");
    return parsed.data.records.flatMap((item): BillingRecord[] => {
      const record = RestBillingRecordSchema.safeParse(item);
      if (!record.success) {
        logger.warn({ operation: 'getBilling' }, 'runpod billing record skipped: unexpected shape');
        return [];
      }
      const start = new Date(record.data.startTime);
      const end = new Date(record.data.endTime);
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return [];
      return [{ podId: record.data.podId, start, end, totalAmount: record.data.totalAmount }];
    });
  }
}
