import { sql, type Updateable } from 'kysely';
import type { IdleEpisode } from '../domain/idle-episode.js';
import type { IdleStore } from '../services/ports.js';
import { episodeFromRow, episodeRow, keepFromRow, keepRow } from './rows.js';
import type { IdleEpisodeTable } from './schema.js';
import type { StoreContext } from './store-context.js';

const ACTIVE = ['open', 'stopping'] as const;

type EpisodePatch = Partial<Pick<IdleEpisode, 'decidedBy' | 'decidedAt' | 'stopAttempts' | 'updatedAt'>>;

function patchColumns(patch: EpisodePatch): Updateable<IdleEpisodeTable> {
  const columns: Updateable<IdleEpisodeTable> = {};
  if (patch.decidedBy !== undefined) columns.decided_by = patch.decidedBy;
  if (patch.decidedAt !== undefined) columns.decided_at = patch.decidedAt?.getTime() ?? null;
  if (patch.stopAttempts !== undefined) columns.stop_attempts = patch.stopAttempts;
  if (patch.updatedAt !== undefined) columns.updated_at = patch.updatedAt.getTime();
  return columns;
}

/** Appending to the JSON text in one statement keeps concurrent appends from losing each other. */
export const appendEpisodeMessage = (
  dialect: StoreContext['dialect'],
  message: { channel: string; ts: string },
) =>
  dialect === 'sqlite'
    ? sql<string>`json_insert(messages, '$[#]', json(${JSON.stringify(message)}))`
    : sql<string>`(messages::jsonb || ${JSON.stringify([message])}::jsonb)::text`;

export function createIdleStore({ db, dialect }: StoreContext): IdleStore {
  const appendMessage = (message: { channel: string; ts: string }) => appendEpisodeMessage(dialect, message);

  return {
    async openEpisode(episode) {
      // The partial unique index admits one open/stopping episode per pod; a second is a no-op.
      const row = await db
        .insertInto('idle_episodes')
        .values(episodeRow(episode))
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? episodeFromRow(row) : null;
    },

    async getEpisode(id) {
      const row = await db.selectFrom('idle_episodes').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? episodeFromRow(row) : null;
    },

    async getActiveEpisode(podId) {
      const row = await db
        .selectFrom('idle_episodes')
        .selectAll()
        .where('pod_id', '=', podId)
        .where('state', 'in', ACTIVE)
        .executeTakeFirst();
      return row ? episodeFromRow(row) : null;
    },

    async getLatestEpisode(podId) {
      const row = await db
        .selectFrom('idle_episodes')
        .selectAll()
        .where('pod_id', '=', podId)
        .orderBy('updated_at', 'desc')
        .orderBy('opened_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? episodeFromRow(row) : null;
    },

    async listActiveEpisodes() {
      const rows = await db
        .selectFrom('idle_episodes')
        .selectAll()
        .where('state', 'in', ACTIVE)
        .orderBy('opened_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(episodeFromRow);
    },

    async listEpisodesSince(since) {
      const at = since.getTime();
      const rows = await db
        .selectFrom('idle_episodes')
        .selectAll()
        .where((eb) => eb.or([eb('opened_at', '>=', at), eb('updated_at', '>=', at)]))
        .orderBy('opened_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(episodeFromRow);
    },

    async listPodEpisodesSince(podId, since) {
      const at = since.getTime();
      const rows = await db
        .selectFrom('idle_episodes')
        .selectAll()
        .where('pod_id', '=', podId)
        .where((eb) => eb.or([eb('opened_at', '>=', at), eb('updated_at', '>=', at)]))
        .orderBy('opened_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(episodeFromRow);
    },

    async transitionEpisode(id, from, to, patch) {
      if (from.length === 0) return null;
      const row = await db
        .updateTable('idle_episodes')
        .set({ ...patchColumns(patch), state: to })
        .where('id', '=', id)
        .where('state', 'in', from)
        .returningAll()
        .executeTakeFirst();
      return row ? episodeFromRow(row) : null;
    },

    async markReminded(id, at) {
      const row = await db
        .updateTable('idle_episodes')
        .set({ reminded_at: at.getTime() })
        .where('id', '=', id)
        .where('reminded_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async addEpisodeMessage(id, message) {
      await db
        .updateTable('idle_episodes')
        .set({ messages: appendMessage({ channel: message.channel, ts: message.ts }) })
        .where('id', '=', id)
        .execute();
    },

    async setKeep(keep) {
      await db
        .insertInto('keeps')
        .values(keepRow(keep))
        .onConflict((oc) =>
          oc.column('pod_id').doUpdateSet((eb) => ({
            until_at: eb.ref('excluded.until_at'),
            kept_by: eb.ref('excluded.kept_by'),
            reason: eb.ref('excluded.reason'),
            set_at: eb.ref('excluded.set_at'),
          })),
        )
        .execute();
    },

    async getKeep(podId) {
      const row = await db.selectFrom('keeps').selectAll().where('pod_id', '=', podId).executeTakeFirst();
      return row ? keepFromRow(row) : null;
    },

    async listKeeps(after) {
      const rows = await db.selectFrom('keeps').selectAll().where('until_at', '>', after.getTime()).execute();
      return rows.map(keepFromRow);
    },

    async setExempt(podId, exempt, by, at) {
      if (!exempt) {
        await db.deleteFrom('exemptions').where('pod_id', '=', podId).execute();
        return;
      }
      await db
        .insertInto('exemptions')
        .values({ pod_id: podId, exempted_by: by, exempted_at: at.getTime() })
        .onConflict((oc) =>
          oc.column('pod_id').doUpdateSet((eb) => ({
            exempted_by: eb.ref('excluded.exempted_by'),
            exempted_at: eb.ref('excluded.exempted_at'),
          })),
        )
        .execute();
    },

    async listExempt() {
      const rows = await db.selectFrom('exemptions').select('pod_id').execute();
      return new Set(rows.map((r) => r.pod_id));
    },
  };
}
