import type { Logger } from '../lib/logger.js';
import type { PodGateway } from '../services/ports.js';
import { createGraphqlGateway } from './graphql/create-graphql-gateway.js';
import { createRestGateway } from './rest/create-rest-gateway.js';

export type PodGatewaySettings = {
  api: 'graphql' | 'rest';
  apiKey: string;
  graphqlUrl: string;
  restUrl: string;
};

/** The adapter RUNPOD_API asks for; both sit behind the same PodGateway. */
export function createPodGateway(settings: PodGatewaySettings, logger: Logger): PodGateway {
  if (settings.api === 'rest') {
    return createRestGateway({
      restUrl: settings.restUrl,
      graphqlUrl: settings.graphqlUrl,
      apiKey: settings.apiKey,
      logger,
    });
  }
  return createGraphqlGateway({ url: settings.graphqlUrl, apiKey: settings.apiKey, logger });
}
