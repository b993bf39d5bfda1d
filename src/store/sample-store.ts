import { type Kysely, sql } from 'kysely';
import type { HourlyAggregate, HourlySum, PodSample, PodSeen } from '../domain/samples.js';
import type { SampleStore } from '../services/ports.js';
import { hourlyFromRow, hourlyRow, podSeenFromRow, podSeenRow, sampleFromRow, sampleRow } from './rows.js';
import type { SampleTable, StoreSchema } from './schema.js';
import type { StoreContext } from './store-context.js';

/**
 * Rows per INSERT: bound parameters stay below 16,000 per statement (SQLite allows 32,766 and
 * Postgres 65,535), and one statement of SQLite, which runs on the event loop, stays short.
 */
const SAMPLE_CHUNK = 500;
/** Rows a SQLite read of all pods' samples aims at per slice of time, the event loop free between. */
const READ_SLICE_ROWS = 1_000;
/** At most this many rows per statement: one instant may hold a sample of every pod. */
const READ_PAGE_ROWS = 2_000;
/** Raw samples a SQLite fold deletes per statement. */
const DELETE_CHUNK = 2_000;
const SEEN_CHUNK = 500;
const HOURLY_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** SQLite runs each statement synchronously: between chunks, let the event loop answer Slack. */
const breather = (dialect: StoreContext['dialect']) => (): Promise<void> =>
  dialect === 'sqlite' ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();

async function insertSampleRows(
  db: Kysely<StoreSchema>,
  samples: readonly PodSample[],
  pause: () => Promise<void>,
): Promise<void> {
  for (const [index, chunk] of chunks(samples, SAMPLE_CHUNK).entries()) {
    if (index > 0) await pause();
    await db.insertInto('samples').values(chunk.map(sampleRow)).execute();
  }
}

async function upsertSeenRows(
  db: Kysely<StoreSchema>,
  seen: readonly PodSeen[],
  pause: () => Promise<void>,
): Promise<void> {
  for (const [index, chunk] of chunks(seen, SEEN_CHUNK).entries()) {
    if (index > 0) await pause();
    await db
      .insertInto('pod_seen')
      .values(chunk.map(podSeenRow))
      .onConflict((oc) =>
        oc.column('pod_id').doUpdateSet((eb) => ({
          pod_name: eb.ref('excluded.pod_name'),
          last_status: eb.ref('excluded.last_status'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
          running_since: eb.ref('excluded.running_since'),
        })),
      )
      .execute();
  }
}

async function upsertHourly(
  db: Kysely<StoreSchema>,
  aggregates: readonly HourlyAggregate[],
  pause: () => Promise<void>,
): Promise<void> {
  for (const [index, chunk] of chunks(aggregates, HOURLY_CHUNK).entries()) {
    if (index > 0) await pause();
    await db
      .insertInto('hourly_aggregates')
      .values(chunk.map(hourlyRow))
      .onConflict((oc) =>
        oc.columns(['pod_id', 'hour']).doUpdateSet((eb) => ({
          pod_name: eb.ref('excluded.pod_name'),
          owner_id: eb.ref('excluded.owner_id'),
          running_seconds: eb.ref('excluded.running_seconds'),
          idle_seconds: eb.ref('excluded.idle_seconds'),
          busy_seconds: eb.ref('excluded.busy_seconds'),
          unknown_seconds: eb.ref('excluded.unknown_seconds'),
          cost_usd: eb.ref('excluded.cost_usd'),
          idle_usd: eb.ref('excluded.idle_usd'),
          busy_usd: eb.ref('excluded.busy_usd'),
          storage_usd: eb.ref('excluded.storage_usd'),
          gpu_seconds: eb.ref('excluded.gpu_seconds'),
          mean_gpu_util: eb.ref('excluded.mean_gpu_util'),
          max_gpu_util: eb.ref('excluded.max_gpu_util'),
          samples: eb.ref('excluded.samples'),
        })),
      )
      .execute();
  }
}

async function selectSamples(
  db: Kysely<StoreSchema>,
  podId: string | null,
  fromMs: number,
  toMs: number,
): Promise<PodSample[]> {
  let query = db.selectFrom('samples').selectAll().where('at', '>=', fromMs).where('at', '<', toMs);
  if (podId !== null) query = query.where('pod_id', '=', podId);
  const rows = await query.orderBy('at', 'asc').orderBy('pod_id', 'asc').execute();
  return rows.map(sampleFromRow);
}

/**
 * All pods' samples in [fromMs, toMs) as consecutive slices of time of about READ_SLICE_ROWS rows
 * (a slice that held many more halves the next one, one that held few doubles it), at most
 * READ_PAGE_ROWS per statement, so that reading hours of thousands of pods never holds the event
 * loop long; the rows and their order are those of one query.
 */
async function selectSamplesSliced(
  db: Kysely<StoreSchema>,
  fromMs: number,
  toMs: number,
  pause: () => Promise<void>,
): Promise<PodSample[]> {
  const found: PodSample[] = [];
  let spanMs = 60_000;
  for (let start = fromMs; start < toMs; ) {
    const end = Math.min(toMs, start + spanMs);
    const rows = await samplePage(db, start, end, null);
    const firstAt = Number(rows[0]?.at ?? end);
    const lastAt = Number(rows.at(-1)?.at ?? end);
    if (rows.length < READ_PAGE_ROWS) {
      for (const row of rows) found.push(sampleFromRow(row));
      if (rows.length > READ_SLICE_ROWS) spanMs = Math.max(1, Math.floor(spanMs / 2));
      else if (rows.length < READ_SLICE_ROWS / 4) spanMs *= 2;
      start = end;
    } else if (firstAt < lastAt) {
      // Too wide: the rows before the page's last instant are all here; that instant comes next.
      for (const row of rows) if (Number(row.at) < lastAt) found.push(sampleFromRow(row));
      spanMs = Math.max(1, Math.floor((lastAt - start) / 2));
      start = lastAt;
    } else {
      // One instant holds more than a page (a poll of thousands of pods): read it page by page.
      await selectInstantPages(db, lastAt, rows, found, pause);
      // The next slices start small and double until they reach the next such instant alone.
      spanMs = 1;
      start = lastAt + 1;
    }
    if (start < toMs) await pause();
  }
  return found;
}

type SamplePageRow = SampleTable & { row_id: number };

/** Up to READ_PAGE_ROWS rows of [startMs, endMs) in (at, pod_id, rowid) order, after `after`. */
async function samplePage(
  db: Kysely<StoreSchema>,
  startMs: number,
  endMs: number,
  after: { podId: string; rowid: number } | null,
): Promise<SamplePageRow[]> {
  let query = db
    .selectFrom('samples')
    .selectAll()
    .select(sql<number>`rowid`.as('row_id'))
    .where('at', '>=', startMs)
    .where('at', '<', endMs);
  if (after !== null) query = query.where(sql<boolean>`(pod_id, rowid) > (${after.podId}, ${after.rowid})`);
  return await query
    .orderBy('at', 'asc')
    .orderBy('pod_id', 'asc')
    .orderBy(sql`rowid`, 'asc')
    .limit(READ_PAGE_ROWS)
    .execute();
}

/** The rest of instant `atMs` after its first page, by (pod_id, rowid): rows written meanwhile do not shift it. */
async function selectInstantPages(
  db: Kysely<StoreSchema>,
  atMs: number,
  first: readonly SamplePageRow[],
  found: PodSample[],
  pause: () => Promise<void>,
): Promise<void> {
  let page = first;
  for (;;) {
    for (const row of page) found.push(sampleFromRow(row));
    const last = page.at(-1);
    if (page.length < READ_PAGE_ROWS || last === undefined) return;
    await pause();
    page = await samplePage(db, atMs, atMs + 1, { podId: last.pod_id, rowid: Number(last.row_id) });
  }
}

/** Deletes raw samples before `cutoffMs`; on SQLite a few thousand rows per statement. */
async function deleteSamplesBefore(
  db: Kysely<StoreSchema>,
  dialect: StoreContext['dialect'],
  cutoffMs: number,
  pause: () => Promise<void>,
): Promise<void> {
  if (dialect !== 'sqlite') {
    await db.deleteFrom('samples').where('at', '<', cutoffMs).execute();
    return;
  }
  for (;;) {
    const result =
      await sql`delete from samples where rowid in (select rowid from samples where at < ${cutoffMs} limit ${DELETE_CHUNK})`.execute(
        db,
      );
    if (Number(result.numAffectedRows ?? 0) < DELETE_CHUNK) return;
    await pause();
  }
}

type HourlySumRow = {
  pod_id: string;
  pod_name: string;
  owner_id: string | null;
  first_hour: number | string;
  last_hour: number | string;
  running_seconds: number;
  idle_seconds: number;
  busy_seconds: number;
  unknown_seconds: number;
  cost_usd: number;
  idle_usd: number;
  busy_usd: number;
  storage_usd: number;
  gpu_seconds: number;
  idle_gpu_seconds: number;
  util_seconds: number;
  util_known_seconds: number;
  max_gpu_util: number | null;
};

const hourlySumFromRow = (r: HourlySumRow): HourlySum => ({
  podId: r.pod_id,
  podName: r.pod_name,
  ownerId: r.owner_id,
  firstHour: new Date(Number(r.first_hour)),
  lastHour: new Date(Number(r.last_hour)),
  runningSeconds: Number(r.running_seconds),
  idleSeconds: Number(r.idle_seconds),
  busySeconds: Number(r.busy_seconds),
  unknownSeconds: Number(r.unknown_seconds),
  costUsd: Number(r.cost_usd),
  idleUsd: Number(r.idle_usd),
  busyUsd: Number(r.busy_usd),
  storageUsd: Number(r.storage_usd),
  gpuSeconds: Number(r.gpu_seconds),
  idleGpuSeconds: Number(r.idle_gpu_seconds),
  utilSeconds: Number(r.util_seconds),
  utilKnownSeconds: Number(r.util_known_seconds),
  maxGpuUtil: r.max_gpu_util === null ? null : Number(r.max_gpu_util),
});

/** One pass over the hours of [first bound, last bound): a row per span, pod, owner and name. */
async function sumHourlyRows(db: Kysely<StoreSchema>, bounds: readonly Date[]): Promise<HourlySum[]> {
  const ms = bounds.map((b) => b.getTime());
  const first = ms[0];
  const last = ms.at(-1);
  if (first === undefined || last === undefined || last <= first) return [];
  const span = sql.join(
    ms.slice(1).map((bound, index) => sql`when hour < ${bound} then ${sql.lit(index)}`),
    sql` `,
  );
  const { rows } = await sql<HourlySumRow>`
    select pod_id, owner_id, pod_name, case ${span} end as span,
      min(hour) as first_hour, max(hour) as last_hour,
      sum(running_seconds) as running_seconds, sum(idle_seconds) as idle_seconds,
      sum(busy_seconds) as busy_seconds, sum(unknown_seconds) as unknown_seconds,
      sum(cost_usd) as cost_usd, sum(idle_usd) as idle_usd, sum(busy_usd) as busy_usd,
      sum(storage_usd) as storage_usd, sum(gpu_seconds) as gpu_seconds,
      sum(case when running_seconds > 0 then gpu_seconds * idle_seconds / running_seconds else 0 end)
        as idle_gpu_seconds,
      sum(case when mean_gpu_util is null then 0 else mean_gpu_util * running_seconds end) as util_seconds,
      sum(case when mean_gpu_util is null then 0 else running_seconds end) as util_known_seconds,
      max(max_gpu_util) as max_gpu_util
    from hourly_aggregates
    where hour >= ${first} and hour < ${last}
    group by span, pod_id, owner_id, pod_name
    order by first_hour asc, pod_id asc`.execute(db);
  return rows.map(hourlySumFromRow);
}

export function createSampleStore({ db, dialect, bulk }: StoreContext): SampleStore {
  const pause = breather(dialect);
  return {
    async insertSamples(all) {
      let samples = all;
      if (bulk && samples.length > 0)
        samples = samples.slice(await bulk.insertSamples(samples.map(sampleRow)));
      if (samples.length === 0) return;
      // One statement is one transaction already; larger polls share one explicit transaction.
      if (samples.length <= SAMPLE_CHUNK) {
        await insertSampleRows(db, samples, pause);
        return;
      }
      await db.transaction().execute((trx) => insertSampleRows(trx, samples, pause));
    },

    async listSamples(podId, from, to) {
      if (podId === null && dialect === 'sqlite')
        return selectSamplesSliced(db, from.getTime(), to.getTime(), pause);
      return selectSamples(db, podId, from.getTime(), to.getTime());
    },

    async listHourly(from, to) {
      const rows = await db
        .selectFrom('hourly_aggregates')
        .selectAll()
        .where('hour', '>=', from.getTime())
        .where('hour', '<', to.getTime())
        .orderBy('hour', 'asc')
        .orderBy('pod_id', 'asc')
        .execute();
      return rows.map(hourlyFromRow);
    },

    sumHourly: (bounds) => sumHourlyRows(db, bounds),

    async foldSamples(aggregates, cutoff) {
      if (dialect !== 'sqlite') {
        await db.transaction().execute(async (trx) => {
          await upsertHourly(trx, aggregates, pause);
          await deleteSamplesBefore(trx, dialect, cutoff.getTime(), pause);
        });
        return;
      }
      // SQLite commits on the event loop, and the commit of an hour of thousands of pods' deletes
      // alone holds it 100 ms: the aggregates are committed first, then the samples deleted a
      // few thousand per statement. A fold cut short in between leaves samples whose pod-hours
      // have aggregates, which the ledger and the next fold skip.
      await db.transaction().execute((trx) => upsertHourly(trx, aggregates, pause));
      await pause();
      await deleteSamplesBefore(db, dialect, cutoff.getTime(), pause);
    },

    async newestHourly() {
      const row = await db
        .selectFrom('hourly_aggregates')
        .select((eb) => eb.fn.max('hour').as('newest'))
        .executeTakeFirst();
      const newest = row?.newest;
      return newest === null || newest === undefined ? null : new Date(Number(newest));
    },

    async oldestSampleAt() {
      const row = await db
        .selectFrom('samples')
        .select((eb) => eb.fn.min('at').as('oldest'))
        .executeTakeFirst();
      const oldest = row?.oldest;
      return oldest === null || oldest === undefined ? null : new Date(Number(oldest));
    },

    async getPodSeen(podId) {
      const row = await db.selectFrom('pod_seen').selectAll().where('pod_id', '=', podId).executeTakeFirst();
      return row ? podSeenFromRow(row) : null;
    },

    async listPodSeen() {
      const rows = await db.selectFrom('pod_seen').selectAll().orderBy('pod_id', 'asc').execute();
      return rows.map(podSeenFromRow);
    },

    async upsertPodSeen(seen) {
      await upsertSeenRows(db, [seen], pause);
    },

    async upsertPodSeenMany(all) {
      let seen = all;
      if (bulk && seen.length > 0) seen = seen.slice(await bulk.upsertPodSeen(seen.map(podSeenRow)));
      if (seen.length === 0) return;
      if (seen.length <= SEEN_CHUNK) {
        await upsertSeenRows(db, seen, pause);
        return;
      }
      await db.transaction().execute((trx) => upsertSeenRows(trx, seen, pause));
    },

    async pruneHourly(before) {
      const deleted = await db
        .deleteFrom('hourly_aggregates')
        .where('hour', '<', before.getTime())
        .executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
