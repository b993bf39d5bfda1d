import { type ReadinessFault, readinessFaults } from '../domain/readiness.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from './ports.js';

export type ReadinessReport = { ready: boolean; faults: ReadinessFault[] };

export type ReadinessService = {
  /** The app starts taking traffic now: the poll allowance counts from here. */
  started(): void;
  /** A poll finished; only successful ones (RunPod answered) count. */
  pollFinished(ok: boolean): void;
  check(slack: { socketConnected: boolean | null }): Promise<ReadinessReport>;
};

/** A store that does not answer within this budget counts as down. */
const PING_BUDGET_MS = 2_000;

async function pingError(store: Pick<Store, 'ping'>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${PING_BUDGET_MS} ms`), PING_BUDGET_MS);
  });
  const answered = store.ping().then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error',
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Tracks what /readyz needs and asks the store at each check. */
export function createReadinessService(deps: {
  store: Pick<Store, 'ping'>;
  clock: Clock;
  pollIntervalMs: number;
}): ReadinessService {
  let startedAt = deps.clock.now();
  let lastPollOkAt: Date | null = null;
  return {
    started() {
      startedAt = deps.clock.now();
    },
    pollFinished(ok) {
      if (ok) lastPollOkAt = deps.clock.now();
    },
    async check(slack) {
      const faults = readinessFaults({
        now: deps.clock.now(),
        startedAt,
        lastPollOkAt,
        pollIntervalMs: deps.pollIntervalMs,
        storeError: await pingError(deps.store),
        socketConnected: slack.socketConnected,
      });
      return { ready: faults.length === 0, faults };
    },
  };
}
