/**
 * Every Store failure as one kind: whatever the database throws (Postgres unreachable, a disk
 * full, a SQLite file gone) reaches the services as StoreUnavailableError, which they turn into
 * a plain message instead of success or a bare reference. `close` passes through untouched.
 */
import { StoreUnavailableError } from '../domain/errors.js';
import type { Store } from '../services/ports.js';

export function withStoreFailures(store: Store): Store {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function' || name === 'close') {
      wrapped[name] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method.apply(store, args);
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw error;
        throw new StoreUnavailableError(`the store could not ${name}`, { cause: error });
      }
    };
  }
  return wrapped as unknown as Store;
}
