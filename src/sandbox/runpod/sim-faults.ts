/**
 * Faults the simulator injects on purpose, to exercise retries and error messages.
 * - `rate_limit`, `server_error`, `html` hit the next requests of any kind (GraphQL or REST), in
 *   the order they were queued: 429 with Retry-After, 500 with a JSON body, or a Cloudflare-like
 *   HTML error page (502).
 * - `capacity` hits the next resume/start or deploy with RunPod's capacity message.
 * - `unauthorized_mutation` hits the next mutation as a read-only key would ("Unauthorized").
 * - `graphqlGone` (404 or 410): every GraphQL request answers with that status until set back to
 *   null, as RunPod's retired GraphQL API might; REST v2 is unaffected.
 */
export type SimFaultKind = 'rate_limit' | 'server_error' | 'html' | 'capacity' | 'unauthorized_mutation';

export type TransportFault = { kind: 'rate_limit' | 'server_error' | 'html'; retryAfterSeconds: number };

export type SimFaults = {
  /** Delay before every response, in real milliseconds. */
  latencyMs: number;
  /** While set, GraphQL answers every request with this HTTP status (RunPod retired it). */
  graphqlGone: 404 | 410 | null;
  failNext(kind: SimFaultKind, count?: number, options?: { retryAfterSeconds?: number }): void;
  clear(): void;
  /** For the simulator: consumes the next transport fault, if any. */
  takeTransport(): TransportFault | null;
  /** For the simulator: consumes one fault of this kind, if any is queued. */
  take(kind: 'capacity' | 'unauthorized_mutation'): boolean;
};

export function createSimFaults(): SimFaults {
  const transport: TransportFault[] = [];
  const counts = { capacity: 0, unauthorized_mutation: 0 };
  const faults: SimFaults = {
    latencyMs: 0,
    graphqlGone: null,
    failNext(kind, count = 1, options) {
      if (kind === 'capacity' || kind === 'unauthorized_mutation') {
        counts[kind] += count;
        return;
      }
      for (let i = 0; i < count; i++)
        transport.push({ kind, retryAfterSeconds: options?.retryAfterSeconds ?? 1 });
    },
    clear() {
      transport.length = 0;
      counts.capacity = 0;
      counts.unauthorized_mutation = 0;
      faults.latencyMs = 0;
      faults.graphqlGone = null;
    },
    takeTransport: () => transport.shift() ?? null,
    take(kind) {
      if (counts[kind] <= 0) return false;
      counts[kind] -= 1;
      return true;
    },
  };
  return faults;
}
