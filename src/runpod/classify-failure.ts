import type { RunpodErrorKind } from '../domain/errors.js';
import type { Clock } from '../lib/clock.js';
import { parseRetryAfter, type Transient } from './retry.js';

/**
 * What RunPod's answers mean, shared by the GraphQL and REST adapters. Business errors are read from
 * RunPod's own wording (runpod-api.md §5): capacity, spot resume, "Unauthorized" for a key without
 * write access, and the not-found heuristic RunPod's own Pulumi provider uses.
 */
export function kindOfRunpodMessage(message: string): RunpodErrorKind {
  // Not verified against the live API: the wording of "not found" (a heuristic, §5) and that a
  // read-only key's mutation fails with a GraphQL error "Unauthorized" rather than an HTTP 401.
  const text = message.trim();
  if (/^unauthori[sz]ed\b/i.test(text)) return 'runpod_forbidden';
  if (/not enough free (gpus|vcpu|memory)|no longer any instances available/i.test(text))
    return 'no_capacity';
  if (/cannot resume a spot pod/i.test(text)) return 'spot_resume';
  if (/not found|does not exist|could not find/i.test(text)) return 'runpod_not_found';
  return 'runpod_rejected';
}

/** Connection never made: the request surely did not reach RunPod. */
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

const isNamed = (error: unknown, names: string[]): boolean =>
  typeof error === 'object' && error !== null && names.includes(String((error as { name?: unknown }).name));

/**
 * A thrown error that is not an HTTP answer: timeout, network failure, or a 2xx body that is not
 * JSON. Returns null for anything else (a bug, to be thrown on).
 */
export function transientOfThrown(error: unknown, timeoutMs: number): Transient | null {
  if (isNamed(error, ['TimeoutError', 'AbortError'])) {
    return {
      reason: `RunPod did not answer within ${Math.round(timeoutMs / 100) / 10} s`,
      status: null,
      retryAfterMs: null,
      maybeApplied: true,
    };
  }
  if (error instanceof TypeError && /fetch failed|network|terminated/i.test(error.message)) {
    const code = causeCode(error);
    return {
      reason: `could not reach RunPod${code ? ` (${code})` : ''}`,
      status: null,
      retryAfterMs: null,
      maybeApplied: !(code && UNSENT_CODES.has(code)),
    };
  }
  if (
    error instanceof SyntaxError ||
    (error instanceof Error && /^Invalid execution result/.test(error.message))
  ) {
    return {
      reason: 'RunPod answered with a body that is not JSON',
      status: null,
      retryAfterMs: null,
      maybeApplied: true,
    };
  }
  return null;
}

const looksLikeHtml = (body: string | null | undefined): boolean => /^\s*</.test(body ?? '');

/** 429 and 5xx: worth another try. Null for any other status. */
export function transientOfStatus(
  status: number,
  headers: { get(name: string): string | null } | null,
  body: string | null,
  clock: Clock,
): Transient | null {
  if (status === 429) {
    return {
      reason: 'RunPod is rate-limiting requests (HTTP 429)',
      status,
      retryAfterMs: parseRetryAfter(headers?.get('retry-after'), clock),
      maybeApplied: false,
    };
  }
  if (status >= 500) {
    return {
      reason: `RunPod answered HTTP ${status}${looksLikeHtml(body) ? ' with an HTML error page' : ''}`,
      status,
      retryAfterMs: parseRetryAfter(headers?.get('retry-after'), clock),
      maybeApplied: true,
    };
  }
  return null;
}

/** A short, printable excerpt of a body for logs and error details (HTML is not shown). */
export function bodyExcerpt(body: string | null | undefined): string {
  if (!body) return '';
  if (looksLikeHtml(body)) return '(HTML page)';
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
}
