import type { DigestStore } from '../services/ports.js';
import { alertFromRow, savingFromRow, savingRow, subscriptionFromRow, subscriptionRow } from './rows.js';
import type { StoreContext } from './store-context.js';

export function createDigestStore({ db }: StoreContext): DigestStore {
  return {
    async subscribe(subscription) {
      await db
        .insertInto('digest_subscriptions')
        .values(subscriptionRow(subscription))
        .onConflict((oc) =>
          oc.column('channel').doUpdateSet((eb) => ({
            hour: eb.ref('excluded.hour'),
            minute: eb.ref('excluded.minute'),
            time_zone: eb.ref('excluded.time_zone'),
            subscribed_by: eb.ref('excluded.subscribed_by'),
            subscribed_at: eb.ref('excluded.subscribed_at'),
          })),
        )
        .execute();
    },

    async unsubscribe(channel) {
      const deleted = await db
        .deleteFrom('digest_subscriptions')
        .where('channel', '=', channel)
        .returning('channel')
        .executeTakeFirst();
      return deleted !== undefined;
    },

    async listSubscriptions() {
      const rows = await db
        .selectFrom('digest_subscriptions')
        .selectAll()
        .orderBy('channel', 'asc')
        .execute();
      return rows.map(subscriptionFromRow);
    },

    async claimDigest(channel, localDate, at) {
      const inserted = await db
        .insertInto('digest_claims')
        .values({ channel, local_date: localDate, claimed_at: at.getTime(), message_ts: null })
        .onConflict((oc) => oc.columns(['channel', 'local_date']).doNothing())
        .returning('channel')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async reclaimUndeliveredDigest(channel, localDate, at, staleBefore) {
      const result = await db
        .updateTable('digest_claims')
        .set({ claimed_at: at.getTime() })
        .where('channel', '=', channel)
        .where('local_date', '=', localDate)
        .where('message_ts', 'is', null)
        .where('claimed_at', '<', staleBefore.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async recordDigestMessage(channel, localDate, ts) {
      await db
        .updateTable('digest_claims')
        .set({ message_ts: ts })
        .where('channel', '=', channel)
        .where('local_date', '=', localDate)
        .execute();
    },

    async getAlertState(key) {
      const row = await db
        .selectFrom('alert_states')
        .selectAll()
        .where('alert_key', '=', key)
        .executeTakeFirst();
      return row ? alertFromRow(row) : null;
    },

    async flipAlert(key, active, at, value) {
      // A missing row counts as inactive: create it so, then compare-and-set on `active`.
      await db
        .insertInto('alert_states')
        .values({ alert_key: key, active: 0, changed_at: at.getTime(), value })
        .onConflict((oc) => oc.column('alert_key').doNothing())
        .execute();
      const flipped = await db
        .updateTable('alert_states')
        .set({ active: active ? 1 : 0, changed_at: at.getTime(), value })
        .where('alert_key', '=', key)
        .where('active', '=', active ? 0 : 1)
        .returning('alert_key')
        .executeTakeFirst();
      return flipped !== undefined;
    },

    async recordSaving(saving) {
      await db.insertInto('savings').values(savingRow(saving)).execute();
    },

    async endSavings(podId, at) {
      await db
        .updateTable('savings')
        .set({ resumed_at: at.getTime() })
        .where('pod_id', '=', podId)
        .where('resumed_at', 'is', null)
        .execute();
    },

    async listSavings(from, to) {
      const rows = await db
        .selectFrom('savings')
        .selectAll()
        .where('stopped_at', '<', to.getTime())
        .where((eb) => eb.or([eb('resumed_at', 'is', null), eb('resumed_at', '>=', from.getTime())]))
        .orderBy('stopped_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(savingFromRow);
    },
  };
}
