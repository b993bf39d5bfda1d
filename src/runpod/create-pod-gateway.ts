import { type Clock, systemClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { PodGateway } from '../services/ports.js';
import { createGraphqlGateway } from './graphql/create-graphql-gateway.js';
import { createRestGateway } from './rest/create-rest-gateway.js';
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
      'network volumes',
      'billing',
      'serverless endpoints and billing',
    ],
    graphql: ['balance', 'spend rate', 'spot deploy', 'spot bid resume', 'spot prices'],
  },
  graphql: {
    rest: ['logs', 'serverless endpoints and billing'],
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
  return {
    ...gateway,
    getPodLogs: (podId, tail) => fetchRestPodLogs(logs, podId, tail),
    getServerless: (from, to) => readRestServerless(rest, restLogger, from, to),
  };
}
