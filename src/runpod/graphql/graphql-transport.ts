import { ClientError, GraphQLClient } from 'graphql-request';
import { RunpodError } from '../../domain/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { err, ok } from '../../lib/result.js';
import { bodyExcerpt, transientOfStatus, transientOfThrown } from '../classify-failure.js';
import { type RepeatSafety, type RetryPolicy, withRetry } from '../retry.js';

/**
 * One GraphQL operation against RunPod, with timeout and bounded retries. HTTP-level failures are
 * decided here (401 → runpod_auth, 400 → runpod_bad_request, 429/5xx/network/timeout/non-JSON →
 * retried, then runpod_unavailable); GraphQL `errors` on a 200 are handed back for the caller to read.
 */
export type GraphqlAnswer = {
  data: Record<string, unknown> | null;
  errors: { message: string }[];
  /** Which attempt answered (1 for the first). */
  attempt: number;
};

export type GraphqlTransport = {
  send(
    operation: string,
    query: string,
    variables: Record<string, unknown> | undefined,
    safety: RepeatSafety,
  ): Promise<GraphqlAnswer>;
};

export type GraphqlTransportOptions = {
  url: string;
  apiKey: string;
  logger: Logger;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  clock: Clock;
};

export function createGraphqlTransport(options: GraphqlTransportOptions): GraphqlTransport {
  const client = new GraphQLClient(options.url, {
    headers: { Authorization: `Bearer ${options.apiKey}` },
    errorPolicy: 'all',
  });
  const { logger } = options;

  const httpFailure = (operation: string, error: ClientError) => {
    const { status, headers, body } = error.response;
    const transient = transientOfStatus(status, headers ?? null, body ?? null, options.clock);
    if (transient) return transient;
    const messages = (error.response.errors ?? []).map((e) => e.message).filter(Boolean);
    const message = messages.join('; ') || bodyExcerpt(body) || `HTTP ${status}`;
    if (status === 401)
      throw new RunpodError('runpod_auth', 'RunPod rejected the API key (HTTP 401)', status);
    if (status === 400) {
      // Our request does not fit RunPod's schema: a podwarden bug worth an error log.
      logger.error({ operation, status, runpodMessage: message }, 'runpod rejected the request as invalid');
      throw new RunpodError('runpod_bad_request', message, status);
    }
    if (status === 403) {
      throw new RunpodError(
        'runpod_rejected',
        `HTTP 403 from RunPod (its firewall may have blocked it): ${message}`,
        status,
      );
    }
    throw new RunpodError('runpod_rejected', `HTTP ${status}: ${message}`, status);
  };

  return {
    send: (operation, query, variables, safety) =>
      withRetry(
        async (attempt) => {
          try {
            const response = await client.rawRequest<Record<string, unknown>>({
              query,
              ...(variables ? { variables } : {}),
              signal: AbortSignal.timeout(options.timeoutMs),
            });
            const errors = (response.errors ?? []).map((e) => ({ message: String(e.message ?? '') }));
            return ok({ data: response.data ?? null, errors, attempt });
          } catch (error) {
            if (error instanceof ClientError) return err(httpFailure(operation, error));
            const transient = transientOfThrown(error, options.timeoutMs);
            if (transient) return err(transient);
            throw error;
          }
        },
        { policy: options.retry, sleep: options.sleep, random: options.random, logger, operation, safety },
      ),
  };
}
