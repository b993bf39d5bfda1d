import { performance } from 'node:perf_hooks';

/**
 * For long loops of awaited store calls: SQLite answers synchronously, so awaiting it never lets
 * the event loop run (Slack's acks wait). The returned function yields (setImmediate) once more
 * than `budgetMs` passed since it last did, and is free otherwise. Scheduling only: what the
 * loop does and in which order never depends on it.
 */
export function breather(budgetMs = 10): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
