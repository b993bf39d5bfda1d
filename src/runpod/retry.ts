import { RunpodError } from '../domain/errors.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Result } from '../lib/result.js';

/**
 * Bounded retries for RunPod calls: exponential backoff with full jitter, Retry-After honoured.
 * An attempt reports a transient failure as a value; anything it throws (a RunpodError for an
 * answer RunPod meant, or a bug) ends the loop at once.
 */
export type RetryPolicy = {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails as unavailable right away. */
  maxRetryAfterMs?: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};

/** A failure that may go away: 429, 5xx, network, timeout, a body that is not RunPod's JSON. */
export type Transient = {
  /** Safe to show: what went wrong, in words. */
  reason: string;
  status: number | null;
  retryAfterMs: number | null;
  /**
   * Whether RunPod may have acted on the request: true unless the request surely never reached it
   * (429 from the rate limiter, connection refused, host not found).
   */
  maybeApplied: boolean;
};

/**
 * `always`: repeating the call cannot do harm (queries, podStop, podTerminate).
 * `unsent-only`: repeat only when the request surely was not processed (resume, deploy).
 */
export type RepeatSafety = 'always' | 'unsent-only';

export type RetryContext = {
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger: Logger;
  operation: string;
  safety: RepeatSafety;
};

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, clock: Clock): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - clock.now().getTime());
}

/** Full jitter: a random delay up to the capped exponential step, but never before Retry-After. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs: number | null,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(jittered, retryAfterMs);
}

const unavailable = (transient: Transient, note: string) =>
  new RunpodError('runpod_unavailable', `${transient.reason}${note}`, transient.status);

export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<Result<T, Transient>>,
  context: RetryContext,
): Promise<T> {
  const { policy, logger } = context;
  const attempts = Math.max(1, policy.attempts);
  for (let n = 1; ; n++) {
    const outcome = await attempt(n);
    if (outcome.ok) return outcome.value;
    const transient = outcome.error;
    if (context.safety === 'unsent-only' && transient.maybeApplied) {
      logger.warn(
        { operation: context.operation, status: transient.status, reason: transient.reason },
        'runpod call failed after it was sent; not repeating it',
      );
      throw unavailable(transient, '; RunPod may or may not have carried it out');
    }
    if (n >= attempts) throw unavailable(transient, ` (after ${attempts} attempts)`);
    const maxRetryAfter = policy.maxRetryAfterMs ?? defaultRetryPolicy.maxRetryAfterMs ?? 30_000;
    if (transient.retryAfterMs !== null && transient.retryAfterMs > maxRetryAfter) {
      throw unavailable(transient, `; RunPod asks to wait ${Math.ceil(transient.retryAfterMs / 1000)} s`);
    }
    const delayMs = backoffDelay(n, policy, context.random, transient.retryAfterMs);
    logger.warn(
      {
        operation: context.operation,
        attempt: n,
        delayMs,
        status: transient.status,
        reason: transient.reason,
      },
      'runpod call failed, retrying',
    );
    await context.sleep(delayMs);
  }
}
