import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/lib/logger.js';
import { openStore } from '../../../src/store/open-store.js';
import { POSTGRES_URL, probePostgres } from '../../support/postgres.js';
import { registerStoreContract } from './store-contract.js';

const BASE_URL = POSTGRES_URL;
const REQUIRED = process.env.CI === 'true';

const unreachable = await probePostgres(BASE_URL);
if (unreachable !== null && !REQUIRED) {
  console.warn(`NOTICE: Postgres store tests skipped: ${BASE_URL} is unreachable (${unreachable}).`);
}

describe.runIf(unreachable !== null && REQUIRED)('Postgres store under CI', () => {
  it('needs the Postgres server', () => {
    throw new Error(`CI=true requires Postgres at ${BASE_URL}, which is unreachable: ${unreachable}`);
  });
});

describe.runIf(unreachable === null)('Postgres store', () => {
  const schemas: string[] = [];
  const admin = new pg.Pool({ connectionString: BASE_URL, max: 1 });

  afterAll(async () => {
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  /** Each database is a fresh schema that the store's connections put first on their search_path. */
  async function freshSchemaUrl(): Promise<string> {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await admin.query(`create schema ${schema}`);
    schemas.push(schema);
    const url = new URL(BASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  }

  // Most tests share one migrated schema, emptied before each; migration tests get new schemas.
  let shared: { url: string; schema: string } | undefined;

  async function emptySharedSchema(): Promise<string> {
    if (shared === undefined) {
      const url = await freshSchemaUrl();
      const store = await openStore({ kind: 'postgres', url }, silentLogger);
      await store.close();
      shared = { url, schema: schemas.at(-1) ?? '' };
    }
    const { rows } = await admin.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = $1 and table_type = 'BASE TABLE' and table_name not like 'kysely%'`,
      [shared.schema],
    );
    const tables = rows.map((r) => `${shared?.schema}.${r.table_name}`).join(', ');
    await admin.query(`truncate table ${tables} restart identity`);
    return shared.url;
  }

  registerStoreContract({
    emptyDatabase: async () => {
      const url = await emptySharedSchema();
      return () => openStore({ kind: 'postgres', url }, silentLogger);
    },
    newDatabase: async () => {
      const url = await freshSchemaUrl();
      return () => openStore({ kind: 'postgres', url }, silentLogger);
    },
  });

  it('keeps its tables inside its own schema', async () => {
    const url = await freshSchemaUrl();
    const store = await openStore({ kind: 'postgres', url }, silentLogger);
    await store.close();
    const schema = schemas.at(-1);
    const { rows } = await admin.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by table_name',
      [schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['idle_episodes', 'kysely_migration', 'samples', 'savings']),
    );
  });
});

describe('Postgres store that cannot be reached', () => {
  it('fails to open with one clear line that names the server but not the password', async () => {
    const failure = openStore(
      { kind: 'postgres', url: 'postgres://podwarden:s3cret@127.0.0.1:1/prod' },
      silentLogger,
    );
    await expect(failure).rejects.toThrow('cannot open the Postgres database 127.0.0.1:1/prod');
    await expect(failure).rejects.toSatisfy(
      (e: Error) => !e.message.includes('s3cret') && !e.message.includes('\n'),
    );
  });
});
