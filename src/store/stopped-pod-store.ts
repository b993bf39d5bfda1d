import type { StoppedStretch } from '../domain/stopped-nudge.js';
import type { StoppedPodStore } from '../services/ports.js';
import type { StoppedPodTable } from './schema.js';
import type { StoreContext } from './store-context.js';

const dateOrNull = (value: number | null): Date | null => (value === null ? null : new Date(Number(value)));

const stretchFromRow = (r: StoppedPodTable): StoppedStretch => ({
  podId: r.pod_id,
  podName: r.pod_name,
  since: new Date(Number(r.since)),
  sinceExact: r.since_exact === 1,
  nudgedAt: dateOrNull(r.nudged_at),
  snoozedUntil: dateOrNull(r.snoozed_until),
  snoozedBy: r.snoozed_by,
});

/** Stopped stretches and their nudges; every write that decides a nudge is a compare-and-set. */
export function createStoppedPodStore({ db }: StoreContext): StoppedPodStore {
  return {
    async listStoppedStretches() {
      const rows = await db.selectFrom('stopped_pods').selectAll().orderBy('pod_id', 'asc').execute();
      return rows.map(stretchFromRow);
    },

    async openStoppedStretch(stretch) {
      await db
        .insertInto('stopped_pods')
        .values({
          pod_id: stretch.podId,
          pod_name: stretch.podName,
          since: stretch.since.getTime(),
          since_exact: stretch.sinceExact ? 1 : 0,
          nudged_at: stretch.nudgedAt?.getTime() ?? null,
          snoozed_until: stretch.snoozedUntil?.getTime() ?? null,
          snoozed_by: stretch.snoozedBy,
        })
        .onConflict((oc) => oc.column('pod_id').doNothing())
        .execute();
    },

    async endStoppedStretches(podIds) {
      if (podIds.length === 0) return;
      await db
        .deleteFrom('stopped_pods')
        .where('pod_id', 'in', [...podIds])
        .execute();
    },

    async claimStoppedNudge(podId, since, at) {
      const claimed = await db
        .updateTable('stopped_pods')
        .set({ nudged_at: at.getTime(), snoozed_until: null, snoozed_by: null })
        .where('pod_id', '=', podId)
        .where('since', '=', since.getTime())
        .where((eb) =>
          eb.or([
            eb('nudged_at', 'is', null),
            eb.and([eb('snoozed_until', 'is not', null), eb('snoozed_until', '<=', at.getTime())]),
          ]),
        )
        .returning('pod_id')
        .executeTakeFirst();
      return claimed !== undefined;
    },

    async releaseStoppedNudge(before, claimedAt) {
      await db
        .updateTable('stopped_pods')
        .set({
          nudged_at: before.nudgedAt?.getTime() ?? null,
          snoozed_until: before.snoozedUntil?.getTime() ?? null,
          snoozed_by: before.snoozedBy,
        })
        .where('pod_id', '=', before.podId)
        .where('since', '=', before.since.getTime())
        .where('nudged_at', '=', claimedAt.getTime())
        .execute();
    },

    async snoozeStoppedNudge(podId, until, by) {
      const row = await db
        .updateTable('stopped_pods')
        .set({ snoozed_until: until.getTime(), snoozed_by: by })
        .where('pod_id', '=', podId)
        .where('nudged_at', 'is not', null)
        .returningAll()
        .executeTakeFirst();
      return row ? stretchFromRow(row) : null;
    },
  };
}
