import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../lib/logger.js';
import type { Store } from '../services/ports.js';
import { createKyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate-to-latest.js';
import type { StoreSchema } from './schema.js';

const POOL_MAX = 4;
const CONNECT_TIMEOUT_MS = 10_000;

/** Times are bigint (int8) columns; epoch milliseconds fit a JS number exactly. */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: (id, format) =>
    id === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(id, format),
};

/** `host:port/db` of the URL, without user, password or options, for messages and logs. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured Postgres URL';
  }
}

/** Connects a small pool, applies the migrations under Kysely's advisory lock and returns the store. */
export async function openPostgresStore(url: string, logger: Logger): Promise<Store> {
  const where = describePostgresUrl(url);
  const log = logger.child({ store: 'postgres', database: where });
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_MAX,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: typeParsers,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => log.warn({ reason: error.message }, 'postgres idle connection failed'));
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('no existing schema on the search_path');
    await migrateToLatest(db, 'postgres', log, schema);
    log.info({ schema }, 'store opened');
    return createKyselyStore({ db, dialect: 'postgres' });
  } catch (error) {
    await db.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the Postgres database ${where}: ${reason}`);
  }
}
