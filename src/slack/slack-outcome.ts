/**
 * Which Slack failures prove that a call was not carried out. A chat.postMessage is not
 * idempotent: after a timeout, a 5xx or a dropped connection Slack may well have posted it, and
 * posting again would send the same message twice. Only a 429 (Slack refused to look at it), a
 * refused connection (it never reached Slack) or an `ok: false` answer (Slack said no) prove
 * that nothing happened.
 */
import type { PostOutcome } from '../domain/prompt-outbox.js';

type Coded = { code?: unknown; original?: unknown; message?: unknown; data?: { error?: unknown } };

const PLATFORM_ERROR = 'slack_webapi_platform_error';
const RATE_LIMITED = 'slack_webapi_rate_limited_error';
const REQUEST_ERROR = 'slack_webapi_request_error';
/** What WebClient throws (to retry) after waiting out a 429's Retry-After. */
const RATE_LIMIT_RETRY = /^A rate limit was exceeded/;

function causeCode(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'ECONNREFUSED') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** True when the call certainly never took effect at Slack, so repeating it cannot duplicate it. */
export function provenNotCarriedOut(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Coded;
  if (e.code === PLATFORM_ERROR || e.code === RATE_LIMITED) return true;
  if (typeof e.message === 'string' && RATE_LIMIT_RETRY.test(e.message)) return true;
  if (e.code !== REQUEST_ERROR) return false;
  // Out of retries after 429s, WebClient wraps its own rate-limit error as a request error.
  const original = e.original as { message?: unknown } | undefined;
  if (typeof original?.message === 'string' && RATE_LIMIT_RETRY.test(original.message)) return true;
  return causeCode(e.original) === 'ECONNREFUSED';
}

/** The outcome of a failed post, for the outbox. */
export function failedPostOutcome(error: unknown): Exclude<PostOutcome, { kind: 'posted' }> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Coded;
  const reason =
    e.code === PLATFORM_ERROR && typeof e.data?.error === 'string'
      ? e.data.error
      : typeof e.code === 'string'
        ? e.code
        : 'unexpected';
  return provenNotCarriedOut(error) ? { kind: 'not_sent', reason } : { kind: 'unknown', reason };
}

/**
 * WebClient's retry policy (p-retry options): at most two more attempts, and only after a failure
 * that proves the call was not carried out; any other failure is final at once.
 */
export const slackRetryConfig = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 2_000,
  onFailedAttempt: (error: unknown): void => {
    if (!provenNotCarriedOut(error)) throw error;
  },
};
