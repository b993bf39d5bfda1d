import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { silentLogger } from '../lib/logger.js';
import type { Store } from '../services/ports.js';
import { openStore } from '../store/open-store.js';

export type BenchStoreKind = 'sqlite' | 'postgres';

/** Postgres for the benchmarks: BENCH_POSTGRES_URL, else the local development server. */
export const BENCH_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type BenchStore = { store: Store; kind: BenchStoreKind; close(): Promise<void> };

/** A fresh store for one benchmark: a SQLite file in a temporary folder, or a new Postgres schema. */
export async function openBenchStore(kind: BenchStoreKind): Promise<BenchStore> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podwarden-bench-'));
    const store = await openStore({ kind: 'sqlite', path: path.join(dir, 'bench.db') }, silentLogger);
    return {
      store,
      kind,
      async close() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(BENCH_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openStore({ kind: 'postgres', url: url.toString() }, silentLogger);
  return {
    store,
    kind,
    async close() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
