import type { OwnerStore } from '../services/ports.js';
import type { StoreContext } from './store-context.js';

export function createOwnerStore({ db }: StoreContext): OwnerStore {
  return {
    async getOwner(podId) {
      const row = await db
        .selectFrom('pod_owners')
        .select('user_id')
        .where('pod_id', '=', podId)
        .executeTakeFirst();
      return row?.user_id ?? null;
    },

    async listOwners() {
      const rows = await db.selectFrom('pod_owners').select(['pod_id', 'user_id']).execute();
      return new Map(rows.map((r) => [r.pod_id, r.user_id]));
    },

    async setOwner(podId, userId, by, at) {
      await db
        .insertInto('pod_owners')
        .values({ pod_id: podId, user_id: userId, set_by: by, set_at: at.getTime() })
        .onConflict((oc) =>
          oc.column('pod_id').doUpdateSet((eb) => ({
            user_id: eb.ref('excluded.user_id'),
            set_by: eb.ref('excluded.set_by'),
            set_at: eb.ref('excluded.set_at'),
          })),
        )
        .execute();
    },

    async claimOwner(podId, userId, at) {
      const inserted = await db
        .insertInto('pod_owners')
        .values({ pod_id: podId, user_id: userId, set_by: userId, set_at: at.getTime() })
        .onConflict((oc) => oc.column('pod_id').doNothing())
        .returning('pod_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}
