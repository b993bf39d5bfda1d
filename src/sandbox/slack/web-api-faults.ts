/**
 * Faults a test (or the sandbox) can inject into the Web API stand-in, one call at a time:
 * - `late`: Slack carries the call out (the message is posted) but its answer never reaches the
 *   client, which gives up at its own timeout; the held answer is dropped when the client
 *   disconnects. What a client sees is indistinguishable from a call that never arrived.
 * - `rate_limited`: HTTP 429 with `Retry-After`, and nothing is done, as Slack does.
 */
export type WebApiFaultKind = 'late' | 'rate_limited';

export type WebApiFaults = {
  /** The next `times` calls of `method` meet the fault. */
  inject(method: string, kind: WebApiFaultKind, times?: number): void;
  /** The fault for this call of `method`, if one is armed (and uses it up). */
  take(method: string): WebApiFaultKind | null;
  clear(): void;
};

export function createWebApiFaults(): WebApiFaults {
  const armed = new Map<string, { kind: WebApiFaultKind; left: number }[]>();
  return {
    inject(method, kind, times = 1) {
      const list = armed.get(method) ?? [];
      list.push({ kind, left: times });
      armed.set(method, list);
    },
    take(method) {
      const list = armed.get(method);
      const first = list?.[0];
      if (!list || !first) return null;
      first.left -= 1;
      if (first.left <= 0) list.shift();
      return first.kind;
    },
    clear() {
      armed.clear();
    },
  };
}
