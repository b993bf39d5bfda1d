import type { AutoresumeRun, AutoresumeRunState } from '../domain/autoresume.js';
import type { AutoresumeStore } from '../services/ports.js';
import type { AutoresumeRunTable } from './schema.js';
import type { StoreContext } from './store-context.js';

const runFromRow = (r: AutoresumeRunTable): AutoresumeRun => ({
  podId: r.pod_id,
  podName: r.pod_name,
  interruptedAt: new Date(Number(r.interrupted_at)),
  channel: r.channel,
  threadTs: r.thread_ts,
  state: r.state as AutoresumeRunState,
  attempts: Number(r.attempts),
  nextAt: new Date(Number(r.next_at)),
  updatedAt: new Date(Number(r.updated_at)),
});

const rowFromRun = (run: AutoresumeRun): AutoresumeRunTable => ({
  pod_id: run.podId,
  pod_name: run.podName,
  interrupted_at: run.interruptedAt.getTime(),
  channel: run.channel,
  thread_ts: run.threadTs,
  state: run.state,
  attempts: run.attempts,
  next_at: run.nextAt.getTime(),
  updated_at: run.updatedAt.getTime(),
});

/** Autoresume flags and runs; every write that decides an attempt is a compare-and-set. */
export function createAutoresumeStore({ db }: StoreContext): AutoresumeStore {
  return {
    async setAutoresume(podId, enabled, by, at) {
      const row = { pod_id: podId, enabled: enabled ? 1 : 0, set_by: by, set_at: at.getTime() };
      await db
        .insertInto('autoresume_pods')
        .values(row)
        .onConflict((oc) =>
          oc.column('pod_id').doUpdateSet({ enabled: row.enabled, set_by: by, set_at: row.set_at }),
        )
        .execute();
    },

    async listAutoresume() {
      const rows = await db.selectFrom('autoresume_pods').select('pod_id').where('enabled', '=', 1).execute();
      return new Set(rows.map((r) => r.pod_id));
    },

    async openAutoresumeRun(run) {
      const row = rowFromRun(run);
      const { pod_id: _podId, ...update } = row;
      const written = await db
        .insertInto('autoresume_runs')
        .values(row)
        .onConflict((oc) =>
          oc.column('pod_id').doUpdateSet(update).where('autoresume_runs.state', '!=', 'trying'),
        )
        .returning('pod_id')
        .executeTakeFirst();
      return written !== undefined;
    },

    async getAutoresumeRun(podId) {
      const row = await db
        .selectFrom('autoresume_runs')
        .selectAll()
        .where('pod_id', '=', podId)
        .executeTakeFirst();
      return row ? runFromRow(row) : null;
    },

    async listTryingAutoresumeRuns() {
      const rows = await db
        .selectFrom('autoresume_runs')
        .selectAll()
        .where('state', '=', 'trying')
        .orderBy('next_at', 'asc')
        .orderBy('pod_id', 'asc')
        .execute();
      return rows.map(runFromRow);
    },

    async claimAutoresumeRun(podId, seen, at, leaseUntil) {
      const result = await db
        .updateTable('autoresume_runs')
        .set({ updated_at: at.getTime(), next_at: leaseUntil.getTime() })
        .where('pod_id', '=', podId)
        .where('state', '=', 'trying')
        .where('updated_at', '=', seen.getTime())
        .where('next_at', '<=', at.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async settleAutoresumeRun(podId, claimedAt, patch) {
      const result = await db
        .updateTable('autoresume_runs')
        .set({
          state: patch.state,
          attempts: patch.attempts,
          next_at: patch.nextAt.getTime(),
          updated_at: patch.updatedAt.getTime(),
        })
        .where('pod_id', '=', podId)
        .where('state', '=', 'trying')
        .where('updated_at', '=', claimedAt.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
