/**
 * Expected failures, as values. One module in slack/ turns each kind into the sentence the user
 * reads; services return them inside a Result.
 */
export type RunpodErrorKind =
  | 'runpod_auth' // HTTP 401: the key is wrong
  | 'runpod_forbidden' // GraphQL "Unauthorized": the key lacks write access
  | 'runpod_bad_request' // HTTP 400: podwarden sent something RunPod rejects (our bug)
  | 'runpod_unavailable' // 429 / 5xx / network / HTML after bounded retries
  | 'no_capacity' // not enough free GPUs / no instances available
  | 'spot_resume' // a spot pod cannot resume on demand
  | 'spot_unavailable' // spot needs RunPod's GraphQL API, which is retired or unreachable
  | 'runpod_conflict' // the action is not valid in the pod's current state (REST 409)
  | 'runpod_not_found' // RunPod does not know the pod
  | 'runpod_rejected'; // any other business error RunPod sent back

/** Thrown by PodGateway adapters; services catch it and return it as a value. */
export class RunpodError extends Error {
  readonly kind: RunpodErrorKind;
  /** What RunPod answered (message or status), safe to show and to audit. */
  readonly detail: string;
  readonly status: number | null;

  constructor(kind: RunpodErrorKind, detail: string, status: number | null = null) {
    super(`${kind}: ${detail}`);
    this.name = 'RunpodError';
    this.kind = kind;
    this.detail = detail;
    this.status = status;
  }
}

/**
 * Thrown by the Store when it cannot read or write: the database is unreachable or refuses, or
 * its SQLite file was removed or replaced under the running process (then for good: the store
 * is poisoned). Services turn it into the `store_unavailable` kind.
 */
export class StoreUnavailableError extends Error {
  readonly kind = 'store_unavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export type PodCandidate = { id: string; name: string };

export type AppError =
  | { kind: RunpodErrorKind; detail: string }
  | { kind: 'pod_not_found'; ref: string; suggestions: PodCandidate[] }
  | { kind: 'pod_ambiguous'; ref: string; candidates: PodCandidate[] }
  | { kind: 'forbidden'; action: string; pod: PodCandidate; ownerId: string | null }
  | { kind: 'read_only'; action: string }
  | { kind: 'admin_only'; action: string }
  | { kind: 'already_owned'; pod: PodCandidate; ownerId: string }
  | { kind: 'invalid_state'; pod: PodCandidate; status: string; action: string }
  /** Autoresume is for spot pods only; an on-demand pod is not interrupted. */
  | { kind: 'not_spot'; pod: PodCandidate }
  | { kind: 'confirmation_mismatch'; pod: PodCandidate; typed: string }
  | { kind: 'not_decidable'; reason: 'not_owner' | 'closed' | 'read_only' }
  | { kind: 'over_deploy_limit'; costPerHr: number; limit: number }
  | { kind: 'invalid_input'; message: string }
  | { kind: 'store_unavailable'; reference: string }
  /** The app is not in the channel and cannot join it (private): someone must invite it. */
  | { kind: 'invite_needed'; channel: string }
  | { kind: 'unexpected'; reference: string };
