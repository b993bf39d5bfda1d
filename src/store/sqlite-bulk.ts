import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { PodSeenTable, SampleTable } from './schema.js';

/**
 * A burst (one synchronous SQLite transaction) takes rows until this much time has passed, checked
 * every CHECK_EVERY rows: few commits on a quiet machine, short bursts on a busy one, each far
 * below a 50 ms event-loop block. Which rows are written never depends on it.
 */
const BURST_MS = 8;
const CHECK_EVERY = 50;

const SAMPLE_COLUMNS = [
  'pod_id',
  'pod_name',
  'at',
  'status',
  'owner_id',
  'cost_per_hr',
  'gpu_count',
  'gpu_util',
  'gpu_mem',
  'cpu_percent',
  'memory_percent',
  'uptime_seconds',
  'has_runtime',
  'volume_in_gb',
  'container_disk_in_gb',
] as const satisfies readonly (keyof SampleTable)[];

const SEEN_COLUMNS = [
  'pod_id',
  'pod_name',
  'last_status',
  'last_seen_at',
  'running_since',
] as const satisfies readonly (keyof PodSeenTable)[];

const named = (columns: readonly string[]) => columns.map((c) => `@${c}`).join(', ');

/**
 * A poll's rows written through statements prepared once, in bursts of single-row inserts inside
 * one transaction each, with the event loop free between bursts (better-sqlite3 runs on it).
 * Stops while a Kysely transaction holds the connection (its statements and ours would mix) and
 * returns how many rows it wrote: the caller writes the rest through Kysely, which waits its turn.
 */
export type SqliteBulk = {
  insertSamples(rows: readonly SampleTable[]): Promise<number>;
  upsertPodSeen(rows: readonly PodSeenTable[]): Promise<number>;
};

export function createSqliteBulk(database: Database.Database): SqliteBulk {
  let statements: { sample: Database.Statement; seen: Database.Statement } | null = null;
  const prepared = () => {
    statements ??= {
      sample: database.prepare(
        `insert into samples (${SAMPLE_COLUMNS.join(', ')}) values (${named(SAMPLE_COLUMNS)})`,
      ),
      seen: database.prepare(
        `insert into pod_seen (${SEEN_COLUMNS.join(', ')}) values (${named(SEEN_COLUMNS)}) ` +
          'on conflict (pod_id) do update set pod_name = excluded.pod_name, last_status = excluded.last_status, ' +
          'last_seen_at = excluded.last_seen_at, running_since = excluded.running_since',
      ),
    };
    return statements;
  };

  const write = async (rows: readonly object[], statement: () => Database.Statement): Promise<number> => {
    // Writes rows from `start` until the time is up; returns where it stopped.
    const burst = database.transaction((start: number): number => {
      const insert = statement();
      const started = performance.now();
      let i = start;
      while (i < rows.length) {
        insert.run(rows[i]);
        i++;
        if (i % CHECK_EVERY === 0 && performance.now() - started >= BURST_MS) break;
      }
      return i;
    });
    let written = 0;
    while (written < rows.length) {
      if (written > 0) await new Promise((resolve) => setImmediate(resolve));
      if (database.inTransaction) return written;
      written = burst(written);
    }
    return rows.length;
  };

  return {
    insertSamples: (rows) => write(rows, () => prepared().sample),
    upsertPodSeen: (rows) => write(rows, () => prepared().seen),
  };
}
