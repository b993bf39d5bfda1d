import { RunpodError } from '../../domain/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { err, ok } from '../../lib/result.js';
import {
  bodyExcerpt,
  kindOfRunpodMessage,
  transientOfStatus,
  transientOfThrown,
} from '../classify-failure.js';
import { type RepeatSafety, type RetryPolicy, withRetry } from '../retry.js';
import { ProblemSchema } from './rest-schemas.js';

/**
 * One REST v2 call with timeout and bounded retries. 429, 5xx, network failures, timeouts and
 * non-JSON success bodies are retried (per the call's RepeatSafety), then runpod_unavailable; 401 is
 * runpod_auth at once. Any other answer, 4xx included, is handed back with the attempt that got it,
 * so the caller can tell "already done" from "refused" (see restFailure).
 */
export type RestAnswer = { status: number; body: unknown; text: string; attempt: number };

export type RestTransport = {
  send(
    operation: string,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { body?: unknown; query?: Record<string, string>; safety: RepeatSafety },
  ): Promise<RestAnswer>;
};

export type RestTransportOptions = {
  restUrl: string;
  apiKey: string;
  logger: Logger;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  clock: Clock;
};

export function createRestTransport(options: RestTransportOptions): RestTransport {
  const base = options.restUrl.replace(/\/+$/, '');
  return {
    send: (operation, method, path, call) =>
      withRetry(
        async (attempt) => {
          const url = new URL(`${base}${path}`);
          for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
          let response: Response;
          let text: string;
          try {
            response = await fetch(url, {
              method,
              headers: {
                authorization: `Bearer ${options.apiKey}`,
                accept: 'application/json, application/problem+json',
                ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
              signal: AbortSignal.timeout(options.timeoutMs),
            });
            text = await response.text();
          } catch (error) {
            const transient = transientOfThrown(error, options.timeoutMs);
            if (transient) return err(transient);
            throw error;
          }
          const transient = transientOfStatus(response.status, response.headers, text, options.clock);
          if (transient) return err(transient);
          if (response.status === 401) {
            throw new RunpodError('runpod_auth', 'RunPod rejected the API key (HTTP 401)', 401);
          }
          let body: unknown = null;
          if (text.trim() !== '') {
            try {
              body = JSON.parse(text);
            } catch {
              if (response.ok) {
                return err({
                  reason: 'RunPod answered with a body that is not JSON',
                  status: response.status,
                  retryAfterMs: null,
                  maybeApplied: true,
                });
              }
            }
          }
          return ok({ status: response.status, body, text, attempt });
        },
        {
          policy: options.retry,
          sleep: options.sleep,
          random: options.random,
          logger: options.logger,
          operation,
          safety: call.safety,
        },
      ),
  };
}

/** The RunpodError for a non-2xx REST answer (RFC 9457 problem details, or RunPod's older shapes). */
export function restFailure(answer: RestAnswer, operation: string, logger: Logger): RunpodError {
  const problem = ProblemSchema.safeParse(answer.body);
  const fields = problem.success ? problem.data : null;
  const detail =
    fields?.detail ??
    fields?.message ??
    fields?.error ??
    fields?.title ??
    (bodyExcerpt(answer.text) || `HTTP ${answer.status}`);
  const { status } = answer;
  if (status === 403 && !problem.success) {
    return new RunpodError(
      'runpod_rejected',
      `HTTP 403 from RunPod (its firewall may have blocked it)`,
      status,
    );
  }
  if (status === 403) return new RunpodError('runpod_forbidden', detail, status);
  if (status === 404) return new RunpodError('runpod_not_found', detail, status);
  if (status === 409) return new RunpodError('runpod_conflict', detail, status);
  if (status === 402) return new RunpodError('runpod_rejected', `insufficient balance: ${detail}`, status);
  if (status === 400 || status === 422) {
    const kind = kindOfRunpodMessage(detail);
    if (kind !== 'runpod_rejected') return new RunpodError(kind, detail, status);
    logger.error({ operation, status, runpodMessage: detail }, 'runpod rejected the request as invalid');
    return new RunpodError('runpod_bad_request', detail, status);
  }
  return new RunpodError('runpod_rejected', `HTTP ${status}: ${detail}`, status);
}
