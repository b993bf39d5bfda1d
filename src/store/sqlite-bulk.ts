import type Database from 'better-sqlite3';
import type { PodSeenTable, SampleTable } from './schema.js';

/** Rows per synchronous SQLite transaction: each burst stays far below a 50 ms event-loop block. */
const BURST = 250;

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
    const burst = database.transaction((chunk: readonly object[]) => {
      const insert = statement();
      for (const row of chunk) insert.run(row);
    });
    for (let i = 0; i < rows.length; i += BURST) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      if (database.inTransaction) return i;
      burst(rows.slice(i, i + BURST));
    }
    return rows.length;
  };

  return {
    insertSamples: (rows) => write(rows, () => prepared().sample),
    upsertPodSeen: (rows) => write(rows, () => prepared().seen),
  };
}
