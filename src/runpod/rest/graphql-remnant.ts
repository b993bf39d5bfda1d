import { RunpodError } from '../../domain/errors.js';
import type { Account, GpuType, Pod } from '../../domain/pod.js';
import type { Logger } from '../../lib/logger.js';
import type { PodGateway } from '../../services/ports.js';

/**
 * What REST mode still asks of RunPod's GraphQL API, which REST v2 does not offer: the balance and
 * spend rate, spot deploys, bid resumes and spot prices (runpod-api.md §0.2, §1 "No spot or
 * interruptible support in v2"). RunPod retires GraphQL in early 2027; when it answers 404 or 410,
 * or cannot be reached, the balance is reported unavailable, spot actions fail as
 * `spot_unavailable`, and nothing else is affected.
 */
export type GraphqlRemnant = Pick<PodGateway, 'getAccount' | 'bidResumePod'> & {
  /** One pod's spot facts; null when RunPod does not know it; `spot_unavailable` when GraphQL is gone. */
  spotFactsOf(podId: string): Promise<Pick<Pod, 'isSpot' | 'lowestBidPriceToResume'> | null>;
  deploySpot: PodGateway['deployPod'];
  /**
   * Pod id → spot facts (REST v2 pods carry none): whether it is a spot pod and the lowest bid to
   * resume it. Empty when GraphQL cannot say; such pods are then resumed on demand.
   */
  spotFacts(): Promise<Map<string, Pick<Pod, 'isSpot' | 'lowestBidPriceToResume'>>>;
  /** GPU type id → spot prices; empty when GraphQL cannot say. */
  spotPrices(): Promise<Map<string, Pick<GpuType, 'secureSpotPrice' | 'communitySpotPrice'>>>;
};

/**
 * GraphQL gone: an HTTP 404 or 410 for the endpoint, or no answer after retries. The status codes
 * are our reading of "retired"; what RunPod will really answer then is not known yet.
 */
export const isGraphqlGone = (error: unknown): boolean =>
  error instanceof RunpodError &&
  (error.status === 404 || error.status === 410 || error.kind === 'runpod_unavailable');

export function createGraphqlRemnant(graphql: PodGateway, logger: Logger): GraphqlRemnant {
  const spot = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (!isGraphqlGone(error)) throw error;
      logger.warn({ operation, err: error }, 'runpod graphql is not answering; spot is unavailable');
      throw new RunpodError('spot_unavailable', 'RunPod GraphQL API is not answering');
    }
  };

  return {
    async getAccount(): Promise<Account> {
      try {
        return await graphql.getAccount();
      } catch (error) {
        if (!isGraphqlGone(error)) throw error;
        logger.warn({ err: error }, 'runpod graphql is not answering; the balance is unavailable');
        return { clientBalance: null, currentSpendPerHr: null, balanceUnavailable: true };
      }
    },
    bidResumePod: (podId, gpuCount, bidPerGpu) =>
      spot('bidResumePod', () => graphql.bidResumePod(podId, gpuCount, bidPerGpu)),
    spotFactsOf: (podId) =>
      spot('spotFactsOf', async () => {
        const pod = await graphql.getPod(podId);
        return pod && { isSpot: pod.isSpot, lowestBidPriceToResume: pod.lowestBidPriceToResume ?? null };
      }),
    deploySpot: (request) => spot('deploySpot', () => graphql.deployPod(request)),
    async spotFacts() {
      try {
        const pods = await graphql.listPods();
        return new Map(
          pods.map((p) => [
            p.id,
            { isSpot: p.isSpot, lowestBidPriceToResume: p.lowestBidPriceToResume ?? null },
          ]),
        );
      } catch (error) {
        if (!(error instanceof RunpodError)) throw error;
        logger.warn({ kind: error.kind }, 'runpod graphql gave no spot facts; stopped pods resume on demand');
        return new Map();
      }
    },
    async spotPrices() {
      try {
        const types = await graphql.listGpuTypes();
        return new Map(
          types.map((t) => [
            t.id,
            { secureSpotPrice: t.secureSpotPrice, communitySpotPrice: t.communitySpotPrice },
          ]),
        );
      } catch (error) {
        if (!(error instanceof RunpodError)) throw error;
        logger.warn({ kind: error.kind }, 'runpod graphql gave no spot prices; spot deploys show none');
        return new Map();
      }
    },
  };
}
