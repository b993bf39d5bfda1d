import { sql } from 'kysely';
import type { Store } from '../services/ports.js';
import { createAuditStore } from './audit-store.js';
import { createAutoresumeStore } from './autoresume-store.js';
import { createDigestStore } from './digest-store.js';
import { createEscalationOutboxStore } from './escalation-outbox-store.js';
import { createIdleStore } from './idle-store.js';
import { createOwnerStore } from './owner-store.js';
import { createPromptOutboxStore } from './prompt-outbox-store.js';
import { createSampleStore } from './sample-store.js';
import { createStoppedPodStore } from './stopped-pod-store.js';
import type { StoreContext } from './store-context.js';

/** The Store over a migrated Kysely database; the same queries serve SQLite and Postgres. */
export function createKyselyStore(context: StoreContext): Store {
  return {
    ...createOwnerStore(context),
    ...createAuditStore(context),
    ...createSampleStore(context),
    ...createIdleStore(context),
    ...createPromptOutboxStore(context),
    ...createEscalationOutboxStore(context),
    ...createDigestStore(context),
    ping: async () => {
      await sql`select 1`.execute(context.db);
    },
    ...createStoppedPodStore(context),
    ...createAutoresumeStore(context),
    close: () => context.db.destroy(),
  };
}
