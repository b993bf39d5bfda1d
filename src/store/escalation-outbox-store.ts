import type { EscalationOutboxEntry } from '../domain/escalation-outbox.js';
import type { PromptOutboxState } from '../domain/prompt-outbox.js';
import type { EscalationOutboxStore } from '../services/ports.js';
import type { EscalationOutboxTable } from './schema.js';
import type { StoreContext } from './store-context.js';

const UNSETTLED = ['pending', 'unsent'] as const;

function entryFromRow(row: EscalationOutboxTable): EscalationOutboxEntry {
  return {
    episodeId: row.episode_id,
    channel: row.channel,
    message: row.message,
    state: row.state as PromptOutboxState,
    ts: row.ts,
    attempts: row.attempts,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

export function createEscalationOutboxStore({ db }: StoreContext): EscalationOutboxStore {
  return {
    async addEscalationOutbox(entry) {
      const at = entry.at.getTime();
      await db
        .insertInto('escalation_outbox')
        .values({
          episode_id: entry.episodeId,
          channel: entry.channel,
          message: entry.message,
          state: entry.state,
          ts: null,
          attempts: 1,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('episode_id').doNothing())
        .execute();
    },

    async getEscalationOutbox(episodeId) {
      const row = await db
        .selectFrom('escalation_outbox')
        .selectAll()
        .where('episode_id', '=', episodeId)
        .executeTakeFirst();
      return row ? entryFromRow(row) : null;
    },

    async claimEscalationOutbox(episodeId, seen, at) {
      const result = await db
        .updateTable('escalation_outbox')
        .set((eb) => ({ state: 'pending', updated_at: at.getTime(), attempts: eb('attempts', '+', 1) }))
        .where('episode_id', '=', episodeId)
        .where('state', 'in', UNSETTLED)
        .where('updated_at', '=', seen.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async settleEscalationOutbox(episodeId, outcome, at) {
      const update =
        outcome.state === 'unsent'
          ? db.updateTable('escalation_outbox').set({ state: 'unsent', updated_at: at.getTime() })
          : db
              .updateTable('escalation_outbox')
              .set({ state: 'posted', channel: outcome.channel, ts: outcome.ts, updated_at: at.getTime() });
      await update.where('episode_id', '=', episodeId).where('state', 'in', UNSETTLED).execute();
    },
  };
}
