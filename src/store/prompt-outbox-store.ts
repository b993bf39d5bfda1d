import type { PromptOutboxEntry, PromptOutboxState } from '../domain/prompt-outbox.js';
import type { PromptOutboxStore } from '../services/ports.js';
import { appendEpisodeMessage } from './idle-store.js';
import type { PromptOutboxTable } from './schema.js';
import type { StoreContext } from './store-context.js';

const UNSETTLED = ['pending', 'unsent'] as const;

function entryFromRow(row: PromptOutboxTable): PromptOutboxEntry {
  return {
    episodeId: row.episode_id,
    recipient: row.recipient,
    channel: row.channel,
    state: row.state as PromptOutboxState,
    ts: row.ts,
    attempts: row.attempts,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function createPromptOutboxStore({ db, dialect }: StoreContext): PromptOutboxStore {
  return {
    async addPromptOutbox(entry) {
      const at = entry.at.getTime();
      await db
        .insertInto('prompt_outbox')
        .values({
          episode_id: entry.episodeId,
          recipient: entry.recipient,
          channel: entry.channel,
          state: 'pending',
          ts: null,
          attempts: 1,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['episode_id', 'recipient']).doNothing())
        .execute();
    },

    async listUnsettledPrompts() {
      const rows = await db
        .selectFrom('prompt_outbox')
        .selectAll()
        .where('state', 'in', UNSETTLED)
        .orderBy('created_at', 'asc')
        .orderBy('episode_id', 'asc')
        .execute();
      return rows.map(entryFromRow);
    },

    async listPromptOutbox(episodeId) {
      const rows = await db
        .selectFrom('prompt_outbox')
        .selectAll()
        .where('episode_id', '=', episodeId)
        .orderBy('recipient', 'asc')
        .execute();
      return rows.map(entryFromRow);
    },

    async claimPromptOutbox(episodeId, recipient, seen, at) {
      const result = await db
        .updateTable('prompt_outbox')
        .set((eb) => ({ state: 'pending', updated_at: at.getTime(), attempts: eb('attempts', '+', 1) }))
        .where('episode_id', '=', episodeId)
        .where('recipient', '=', recipient)
        .where('state', 'in', UNSETTLED)
        .where('updated_at', '=', seen.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async settlePromptOutbox(episodeId, recipient, outcome, at) {
      if (outcome.state === 'unsent') {
        await db
          .updateTable('prompt_outbox')
          .set({ state: 'unsent', updated_at: at.getTime() })
          .where('episode_id', '=', episodeId)
          .where('recipient', '=', recipient)
          .where('state', '=', 'pending')
          .execute();
        return;
      }
      await db.transaction().execute(async (trx) => {
        const settled = await trx
          .updateTable('prompt_outbox')
          .set({ state: 'posted', channel: outcome.channel, ts: outcome.ts, updated_at: at.getTime() })
          .where('episode_id', '=', episodeId)
          .where('recipient', '=', recipient)
          .where('state', 'in', UNSETTLED)
          .executeTakeFirst();
        if (Number(settled.numUpdatedRows) !== 1) return;
        await trx
          .updateTable('idle_episodes')
          .set({ messages: appendEpisodeMessage(dialect, { channel: outcome.channel, ts: outcome.ts }) })
          .where('id', '=', episodeId)
          .execute();
      });
    },
  };
}
