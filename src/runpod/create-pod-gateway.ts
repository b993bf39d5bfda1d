import { type Clock, systemClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { PodGateway } from '../services/ports.js';
import { createGraphqlGateway } from './graphql/create-graphql-gateway.js';
import { createRestGateway } from './rest/create-rest-gateway.js';
import { createRestReads } from './rest/rest-account-reads.js';
import { createRestDeployReads } from './rest/rest-deploy-reads.js';
import { fetchRestPodLogs } from './rest/rest-logs.js';
import { readRestServerless } from './rest/rest-serverless.js';
import { createRestTransport } from './rest/rest-transport.js';
import { defaultRetryPolicy, type RetryPolicy, realSleep } from './retry.js';

export type PodGatewaySettings = {
  api: 'graphql' | 'rest';
  apiKey: string;
  graphqlUrl: string;
  restUrl: string;
  /** Tests shorten the backoff; production keeps the adapters' default. */
  retry?: RetryPolicy;
  clock?: Clock;
};

/** Which RunPod API serves which feature, for the one log line at start (and the README). */
export const API_FEATURES = {
  rest: {
    rest: [
      'pods',
      'stop/start/terminate',
      'deploy',
      'GPU catalogue',
      'templates',
      'CPU catalogue',
      'network volumes',
      'billing',
      'serverless endpoints and billing',
    ],
    graphql: ['balance', 'spend rate', 'spot deploy', 'spot bid resume', 'spot prices'],
  },
  graphql: {
    rest: ['logs', 'templates', 'CPU catalogue', 'serverless endpoints and billing'],
    graphql: [
      'pods',
      'stop/resume/terminate',
      'deploy',
      'GPU catalogue',
      'network volumes',
      'balance',
      'spot',
    ],
  },
} as const;

/** The adapter RUNPOD_API asks for; both sit behind the same PodGateway. */
export function createPodGateway(settings: PodGatewaySettings, logger: Logger): PodGateway {
  logger.info({ runpodApi: settings.api, ...API_FEATURES[settings.api] }, 'runpod features by api');
  const shared = {
    apiKey: settings.apiKey,
    logger,
    ...(settings.retry ? { retry: settings.retry } : {}),
    ...(settings.clock ? { clock: settings.clock } : {}),
  };
  const gateway =
    settings.api === 'rest'
      ? createRestGateway({ ...shared, restUrl: settings.restUrl, graphqlUrl: settings.graphqlUrl })
      : createGraphqlGateway({ ...shared, url: settings.graphqlUrl });
  // Logs and serverless exist only in REST v2: read there in both modes, with the same key.
  const logs = { restUrl: settings.restUrl, apiKey: settings.apiKey, logger };
  const restLogger = logger.child({ adapter: 'runpod-rest' });
  const rest = createRestTransport({
    restUrl: settings.restUrl,
    apiKey: settings.apiKey,
    logger: restLogger,
    timeoutMs: 10_000,
    retry: settings.retry ?? defaultRetryPolicy,
    sleep: realSleep,
    random: Math.random,
    clock: settings.clock ?? systemClock,
  });
  const withRestReads: PodGateway = {
    ...gateway,
    getPodLogs: (podId, tail) => fetchRestPodLogs(logs, podId, tail),
    getServerless: (from, to) => readRestServerless(rest, restLogger, from, to),
  };
  if (settings.api === 'rest') return withRestReads;
  // Templates, CPU types, secret names and where each GPU type is (its data centers) have no
  // GraphQL query confirmed in runpod-api.md: the deploy form reads them over REST v2 in GraphQL
  // mode too, each allowed to fail (then unknown); the deploy itself stays GraphQL.
  const reads = createRestDeployReads(rest, logger);
  const restCatalogue = createRestReads(rest, logger);
  const dataCenters = async (): Promise<Map<string, string[] | null>> => {
    try {
      return new Map((await restCatalogue.listGpuTypes()).map((g) => [g.id, g.dataCenterIds ?? null]));
    } catch (error) {
      logger.warn({ err: error }, 'gpu data centers unavailable over rest');
      return new Map();
    }
  };
  return {
    ...withRestReads,
    async listGpuTypes() {
      const [types, where] = await Promise.all([gateway.listGpuTypes(), dataCenters()]);
      return types.map((type) => ({ ...type, dataCenterIds: where.get(type.id) ?? null }));
    },
    listTemplates: () => reads.listTemplates(),
    listCpuTypes: () => reads.listCpuTypes(),
    listSecretNames: () => reads.listSecretNames(),
  };
}
