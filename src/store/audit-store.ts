import type { AuditStore } from '../services/ports.js';
import { auditFromRow, auditRow } from './rows.js';
import type { StoreContext } from './store-context.js';

export function createAuditStore({ db }: StoreContext): AuditStore {
  return {
    async appendAudit(entry) {
      await db.insertInto('audit_log').values(auditRow(entry)).execute();
    },

    async listAudit(podId, limit) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('pod_id', '=', podId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(auditFromRow);
    },

    async listAuditSince(since) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('at', '>=', since.getTime())
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(auditFromRow);
    },
  };
}
