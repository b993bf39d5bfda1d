import type { z } from 'zod';
import { RunpodError } from '../../domain/errors.js';
import type { DeployRequest, Pod } from '../../domain/pod.js';
import { type Clock, systemClock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { PodGateway } from '../../services/ports.js';
import { kindOfRunpodMessage } from '../classify-failure.js';
import { defaultRetryPolicy, type RepeatSafety, type RetryPolicy, realSleep } from '../retry.js';
import {
  accountQuery,
  bidResumePodMutation,
  deployOnDemandMutation,
  deploySpotMutation,
  getPodQuery,
  gpuTypesQuery,
  listPodsQuery,
  networkVolumesQuery,
  resumePodMutation,
  stopPodMutation,
  terminatePodMutation,
} from './graphql-operations.js';
import {
  GpuTypeSchema,
  PodSchema,
  UserAccountSchema,
  UserNetworkVolumesSchema,
  UserPodsSchema,
} from './graphql-schemas.js';
import { createGraphqlTransport, type GraphqlAnswer } from './graphql-transport.js';
import { toDomainGpuType, toDomainPod } from './to-domain-pod.js';

export type GraphqlGatewayOptions = {
  url: string;
  apiKey: string;
  logger: Logger;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** For HTTP-date Retry-After values. */
  clock?: Clock;
};

/**
 * PodGateway over RunPod's GraphQL API (graphql-request). Which calls are repeated after a
 * transient failure (timeout, 5xx, HTML, network):
 * - queries, and podStop: always: reading twice or stopping a stopped pod changes nothing;
 * - podTerminate: always; a "not found" on a repeat means the earlier attempt went through, and
 *   counts as done;
 * - podResume / podBidResume and deploys: only when the request surely never reached RunPod (429,
 *   connection refused). A deploy that is repeated after RunPod received it rents a second pod and
 *   bills twice; a resume repeated after it went through can answer a misleading capacity error
 *   (its own GPUs are now taken). These fail as runpod_unavailable and the services re-read the pods.
 * Errors are not followed by a re-read here either: that is the services' job.
 */
export function createGraphqlGateway(options: GraphqlGatewayOptions): PodGateway {
  const logger = options.logger.child({ adapter: 'runpod-graphql' });
  const transport = createGraphqlTransport({
    url: options.url,
    apiKey: options.apiKey,
    logger,
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: options.retry ?? defaultRetryPolicy,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    clock: options.clock ?? systemClock,
  });

  const rejection = (answer: GraphqlAnswer) => {
    const first = answer.errors[0]?.message ?? 'RunPod reported an error';
    const detail = answer.errors.map((e) => e.message).join('; ');
    return new RunpodError(kindOfRunpodMessage(first), detail || first);
  };

  /** A query's root field; errors next to usable data are logged and the data is used. */
  const query = async (
    operation: string,
    document: string,
    root: string,
    variables?: Record<string, unknown>,
  ): Promise<unknown> => {
    const answer = await transport.send(operation, document, variables, 'always');
    const value = answer.data?.[root] ?? null;
    if (answer.errors.length > 0) {
      if (value === null) throw rejection(answer);
      logger.warn(
        { operation, errors: answer.errors.map((e) => e.message) },
        'runpod answered with partial data',
      );
    }
    return value;
  };

  const mutate = async (
    operation: string,
    document: string,
    root: string,
    input: Record<string, unknown>,
    safety: RepeatSafety,
  ): Promise<{ value: unknown; answer: GraphqlAnswer }> => {
    const answer = await transport.send(operation, document, { input }, safety);
    return { value: answer.data?.[root] ?? null, answer };
  };

  const parseOrThrow = <T>(schema: z.ZodType<T>, value: unknown, operation: string): T => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    logger.error(
      { operation, issues: parsed.error.issues.slice(0, 5) },
      'runpod answer has an unexpected shape',
    );
    throw new RunpodError('runpod_rejected', `RunPod's answer to ${operation} has an unexpected shape`);
  };

  const toPods = (items: readonly unknown[], operation: string): Pod[] =>
    items.flatMap((item) => {
      if (item === null) return [];
      const parsed = PodSchema.safeParse(item);
      if (parsed.success) return [toDomainPod(parsed.data)];
      logger.warn(
        { operation, issues: parsed.error.issues.slice(0, 3) },
        'runpod pod skipped: unexpected shape',
      );
      return [];
    });

  // Not verified against the live API: `myself: null` for a request without a key is runpod-mcp's
  // observation; what a revoked key answers is unknown (§11 of the reference).
  const noAccount = () =>
    new RunpodError('runpod_auth', 'RunPod answered as if no API key was sent (myself is null)');

  const lifecycle = async (
    operation: string,
    document: string,
    root: string,
    input: Record<string, unknown>,
    safety: RepeatSafety,
  ) => {
    const { answer } = await mutate(operation, document, root, input, safety);
    if (answer.errors.length > 0) throw rejection(answer);
  };

  /**
   * `PodFindAndDeployOnDemandInput` (and the spot input, which has the same fields) from fields
   * runpod-api.md §3.1 lists: a CPU pod is `computeType: CPU` with `instanceIds` naming the
   * `<flavor>-<vCPUs>-<GB>` instance, as runpod-python's deployCpuPod does; a network volume is
   * `networkVolumeId` with its `dataCenterId`; `ports` is one string, `env` key/value pairs.
   */
  const deployInput = (request: DeployRequest): Record<string, unknown> => {
    const volume = request.networkVolume ?? null;
    const env = request.env ?? [];
    const ports = request.ports ?? [];
    return {
      name: request.name,
      imageName: request.imageName,
      ...(request.cpu
        ? {
            computeType: 'CPU',
            instanceIds: [`${request.cpu.flavorId}-${request.cpu.vcpuCount}-${request.cpu.memoryInGb}`],
          }
        : { gpuTypeId: request.gpuTypeId, gpuCount: request.gpuCount }),
      cloudType: request.cloudType,
      containerDiskInGb: request.containerDiskInGb,
      volumeInGb: request.volumeInGb,
      ...(request.volumeInGb > 0 || volume ? { volumeMountPath: '/workspace' } : {}),
      ...(volume ? { networkVolumeId: volume.id } : {}),
      ...(volume?.dataCenterId ? { dataCenterId: volume.dataCenterId } : {}),
      ...(ports.length > 0 ? { ports: ports.join(',') } : {}),
      ...(env.length > 0 ? { env: env.map((v) => ({ key: v.key, value: v.value })) } : {}),
      ...(request.templateId ? { templateId: request.templateId } : {}),
    };
  };

  return {
    async listPods() {
      const myself = await query('listPods', listPodsQuery, 'myself');
      if (myself === null) throw noAccount();
      const user = parseOrThrow(UserPodsSchema, myself, 'listPods');
      return toPods(user.pods ?? [], 'listPods');
    },

    async getPod(podId) {
      try {
        const pod = await query('getPod', getPodQuery, 'pod', { input: { podId } });
        return pod === null ? null : (toPods([pod], 'getPod')[0] ?? null);
      } catch (error) {
        if (error instanceof RunpodError && error.kind === 'runpod_not_found') return null;
        throw error;
      }
    },

    async getSpotFacts(podId) {
      let pod: Pod | null;
      try {
        const found = await query('getPod', getPodQuery, 'pod', { input: { podId } });
        pod = found === null ? null : (toPods([found], 'getPod')[0] ?? null);
      } catch (error) {
        if (error instanceof RunpodError && error.kind === 'runpod_not_found') return null;
        throw error;
      }
      return pod && { isSpot: pod.isSpot, lowestBidPriceToResume: pod.lowestBidPriceToResume ?? null };
    },

    stopPod: (podId) => lifecycle('stopPod', stopPodMutation, 'podStop', { podId }, 'always'),

    resumePod: (podId, gpuCount) =>
      lifecycle('resumePod', resumePodMutation, 'podResume', { podId, gpuCount }, 'unsent-only'),

    bidResumePod: (podId, gpuCount, bidPerGpu) =>
      lifecycle(
        'bidResumePod',
        bidResumePodMutation,
        'podBidResume',
        { podId, bidPerGpu, gpuCount },
        'unsent-only',
      ),

    // Not verified against the live API: podTerminate answering `{"podTerminate": null}`, and the
    // error a repeat on a terminated pod gets (read as not found, counted as done).
    async terminatePod(podId) {
      const { answer } = await mutate(
        'terminatePod',
        terminatePodMutation,
        'podTerminate',
        { podId },
        'always',
      );
      if (answer.errors.length === 0) return;
      const error = rejection(answer);
      if (error.kind === 'runpod_not_found' && answer.attempt > 1) {
        logger.info({ pod: podId }, 'runpod terminate repeated after the pod was gone; counted as done');
        return;
      }
      throw error;
    },

    async deployPod(request) {
      if (request.spot && request.bidPerGpu === null) {
        throw new RunpodError('runpod_bad_request', 'a spot pod needs a bid per GPU');
      }
      const { value, answer } = request.spot
        ? await mutate(
            'deployPod',
            deploySpotMutation,
            'podRentInterruptable',
            { ...deployInput(request), bidPerGpu: request.bidPerGpu },
            'unsent-only',
          )
        : await mutate(
            'deployPod',
            deployOnDemandMutation,
            'podFindAndDeployOnDemand',
            deployInput(request),
            'unsent-only',
          );
      if (answer.errors.length > 0) throw rejection(answer);
      const pod = value === null ? undefined : toPods([value], 'deployPod')[0];
      if (!pod) throw new RunpodError('runpod_rejected', 'RunPod answered the deploy without a pod');
      return pod;
    },

    async listGpuTypes() {
      const types = await query('listGpuTypes', gpuTypesQuery, 'gpuTypes');
      const list = Array.isArray(types) ? types : [];
      return list.flatMap((item) => {
        const parsed = GpuTypeSchema.safeParse(item);
        const type = parsed.success ? toDomainGpuType(parsed.data) : null;
        return type ? [type] : [];
      });
    },

    async getAccount() {
      const myself = await query('getAccount', accountQuery, 'myself');
      if (myself === null) throw noAccount();
      const account = parseOrThrow(UserAccountSchema, myself, 'getAccount');
      return {
        clientBalance: account.clientBalance ?? null,
        currentSpendPerHr: account.currentSpendPerHr ?? null,
      };
    },

    /** A volume without an id is skipped; a missing size counts as 0 GB (charged nothing). */
    async listNetworkVolumes() {
      const myself = await query('listNetworkVolumes', networkVolumesQuery, 'myself');
      if (myself === null) return [];
      const user = parseOrThrow(UserNetworkVolumesSchema, myself, 'listNetworkVolumes');
      return (user.networkVolumes ?? []).flatMap((v) =>
        v?.id
          ? [{ id: v.id, name: v.name ?? v.id, sizeGb: v.size ?? 0, dataCenterId: v.dataCenterId ?? null }]
          : [],
      );
    },

    /** GraphQL's billing fields are unverified (runpod-api.md §4.2): billing is read over REST only. */
    getBilling: async () => null,
  };
}
