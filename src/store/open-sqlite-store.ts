import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Logger } from '../lib/logger.js';
import type { Store } from '../services/ports.js';
import { createKyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate-to-latest.js';
import type { StoreSchema } from './schema.js';
import { createSqliteBulk } from './sqlite-bulk.js';
import { guardSqliteIdentity } from './sqlite-identity.js';
import { reusePreparedStatements } from './sqlite-statements.js';

const BUSY_TIMEOUT_MS = 5_000;
/** How long an opener waits for another one's migrations (attempts × pause). */
const LOCK_ATTEMPTS = 600;
const LOCK_PAUSE_MS = 25;

const isBusy = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  String(error.code).startsWith('SQLITE_BUSY');

/**
 * Runs `work` inside BEGIN IMMEDIATE: the database's write lock, held across processes, so two
 * openers never migrate at once and a failed migration leaves nothing behind. The lock is polled
 * without SQLite's blocking busy handler, so openers in one process wait for each other too.
 */
async function withWriteLock(database: Database.Database, work: () => Promise<void>): Promise<void> {
  database.pragma('busy_timeout = 0');
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        database.exec('BEGIN IMMEDIATE');
        break;
      } catch (error) {
        if (!isBusy(error) || attempt >= LOCK_ATTEMPTS) throw error;
        await delay(LOCK_PAUSE_MS);
      }
    }
  } finally {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
  try {
    await work();
    database.exec('COMMIT');
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw error;
  }
}

/** Opens (creating when needed) the SQLite file, applies the migrations and returns the store. */
export async function openSqliteStore(file: string, logger: Logger): Promise<Store> {
  const log = logger.child({ store: 'sqlite' });
  let database: Database.Database | undefined;
  try {
    if (file !== ':memory:') await mkdir(path.dirname(file), { recursive: true });
    database = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    // The file's identity is checked before every statement, prepared anew or reused.
    const reused = reusePreparedStatements(database);
    const guarded = file === ':memory:' ? reused : guardSqliteIdentity(reused, file, log);
    const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: guarded }) });
    await withWriteLock(database, () => migrateToLatest(db, 'sqlite', log));
    log.info({ file }, 'store opened');
    return createKyselyStore({ db, dialect: 'sqlite', bulk: createSqliteBulk(database) });
  } catch (error) {
    database?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the SQLite database ${file}: ${reason}`);
  }
}
