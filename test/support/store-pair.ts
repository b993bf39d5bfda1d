import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import type { Store } from '../../src/services/ports.js';
import { openStore } from '../../src/store/open-store.js';
import { POSTGRES_URL, probePostgres } from './postgres.js';

/** Two stores on one database, as two replicas see it; each call a fresh database. */
export type OpenPair = () => Promise<[Store, Store]>;

/**
 * Runs `contract` on SQLite (a fresh file per pair) and on Postgres (a fresh schema per pair).
 * Without Postgres the Postgres half is skipped with a notice, except under CI=true, where it
 * fails loudly.
 */
export async function onBothStores(name: string, contract: (open: OpenPair) => void): Promise<void> {
  describe(`${name} on SQLite`, () => {
    let dir: string;
    let count = 0;
    const opened: Store[] = [];
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'podwarden-store-pair-'));
    });
    afterAll(async () => {
      for (const s of opened) await s.close();
      await rm(dir, { recursive: true, force: true });
    });
    contract(async () => {
      count += 1;
      const file = path.join(dir, `db-${count}`, 'p.db');
      const a = await openStore({ kind: 'sqlite', path: file }, silentLogger);
      const b = await openStore({ kind: 'sqlite', path: file }, silentLogger);
      opened.push(a, b);
      return [a, b];
    });
  });

  const postgresUp = (await probePostgres()) === null;
  if (!postgresUp) console.warn(`NOTICE: Postgres ${name} tests skipped: ${POSTGRES_URL} is unreachable.`);

  describe.runIf(postgresUp || process.env.CI === 'true')(`${name} on Postgres`, () => {
    const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
    const schemas: string[] = [];
    const opened: Store[] = [];
    afterAll(async () => {
      for (const s of opened) await s.close();
      for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    });
    contract(async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await admin.query(`create schema ${schema}`);
      schemas.push(schema);
      const url = new URL(POSTGRES_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const a = await openStore({ kind: 'postgres', url: url.toString() }, silentLogger);
      const b = await openStore({ kind: 'postgres', url: url.toString() }, silentLogger);
      opened.push(a, b);
      return [a, b];
    });
  });
}
