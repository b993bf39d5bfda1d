import type { DatabaseTarget } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
import type { Store } from '../services/ports.js';
import { openPostgresStore } from './open-postgres-store.js';
import { openSqliteStore } from './open-sqlite-store.js';
import { withStoreFailures } from './store-failures.js';

/**
 * Opens the configured database and brings its schema up to date. Throws an Error with one clear
 * line (no credentials) when it cannot; the entry point turns that into exit status 1.
 */
export async function openStore(target: DatabaseTarget, logger: Logger): Promise<Store> {
  const store =
    target.kind === 'sqlite'
      ? await openSqliteStore(target.path, logger)
      : await openPostgresStore(target.url, logger);
  return withStoreFailures(store);
}
