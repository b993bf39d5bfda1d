/**
 * The schema's history, one list for both dialects. Portable types everywhere (`bigint` times,
 * `double precision` amounts, `text`, `integer`); only auto-numbered ids differ by dialect.
 * Append new migrations; never edit one that has shipped.
 */
import { type ColumnDefinitionBuilder, type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from './schema.js';

const TIME = 'bigint';
const MONEY = 'double precision';

type Db = Kysely<unknown>;

const autoId =
  (dialect: StoreDialect) =>
  (column: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialect === 'sqlite'
      ? column.primaryKey().autoIncrement()
      : column.primaryKey().generatedByDefaultAsIdentity();

async function createOwnersAndAudit(db: Db, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('pod_owners')
    .addColumn('pod_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', TIME, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigint', autoId(dialect))
    .addColumn('at', TIME, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('pod_id', 'text', (c) => c.notNull())
    .addColumn('pod_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('evidence', 'text')
    .execute();
  await db.schema.createIndex('audit_log_pod_at').on('audit_log').columns(['pod_id', 'at']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

async function createSampleTables(db: Db): Promise<void> {
  await db.schema
    .createTable('samples')
    .addColumn('pod_id', 'text', (c) => c.notNull())
    .addColumn('pod_name', 'text', (c) => c.notNull())
    .addColumn('at', TIME, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('cost_per_hr', MONEY, (c) => c.notNull())
    .addColumn('gpu_count', 'integer', (c) => c.notNull())
    .addColumn('gpu_util', 'text', (c) => c.notNull())
    .addColumn('gpu_mem', 'text', (c) => c.notNull())
    .addColumn('cpu_percent', 'double precision')
    .addColumn('memory_percent', 'double precision')
    .addColumn('uptime_seconds', 'double precision')
    .addColumn('has_runtime', 'integer', (c) => c.notNull())
    .addColumn('volume_in_gb', 'double precision')
    .addColumn('container_disk_in_gb', 'double precision')
    .execute();
  await db.schema.createIndex('samples_at').on('samples').column('at').execute();
  await db.schema.createIndex('samples_pod_at').on('samples').columns(['pod_id', 'at']).execute();

  await db.schema
    .createTable('hourly_aggregates')
    .addColumn('pod_id', 'text', (c) => c.notNull())
    .addColumn('hour', TIME, (c) => c.notNull())
    .addColumn('pod_name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('running_seconds', 'double precision', (c) => c.notNull())
    .addColumn('idle_seconds', 'double precision', (c) => c.notNull())
    .addColumn('busy_seconds', 'double precision', (c) => c.notNull())
    .addColumn('unknown_seconds', 'double precision', (c) => c.notNull())
    .addColumn('cost_usd', MONEY, (c) => c.notNull())
    .addColumn('idle_usd', MONEY, (c) => c.notNull())
    .addColumn('busy_usd', MONEY, (c) => c.notNull())
    .addColumn('storage_usd', MONEY, (c) => c.notNull())
    .addColumn('gpu_seconds', 'double precision', (c) => c.notNull())
    .addColumn('mean_gpu_util', 'double precision')
    .addColumn('max_gpu_util', 'double precision')
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hourly_aggregates_pk', ['pod_id', 'hour'])
    .execute();
  await db.schema.createIndex('hourly_aggregates_hour').on('hourly_aggregates').column('hour').execute();

  await db.schema
    .createTable('pod_seen')
    .addColumn('pod_id', 'text', (c) => c.primaryKey())
    .addColumn('pod_name', 'text', (c) => c.notNull())
    .addColumn('last_status', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', TIME, (c) => c.notNull())
    .addColumn('running_since', TIME)
    .execute();
}

async function createIdleTables(db: Db): Promise<void> {
  await db.schema
    .createTable('idle_episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pod_id', 'text', (c) => c.notNull())
    .addColumn('pod_name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('idle_since', TIME, (c) => c.notNull())
    .addColumn('opened_at', TIME, (c) => c.notNull())
    .addColumn('reminder_at', TIME, (c) => c.notNull())
    .addColumn('reminded_at', TIME)
    .addColumn('deadline_at', TIME, (c) => c.notNull())
    .addColumn('messages', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('cost_per_hr', MONEY, (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', TIME)
    .addColumn('stop_attempts', 'integer', (c) => c.notNull())
    .addColumn('updated_at', TIME, (c) => c.notNull())
    .execute();
  // At most one active episode per pod, whichever replica opens it.
  await db.schema
    .createIndex('idle_episodes_one_active')
    .on('idle_episodes')
    .column('pod_id')
    .unique()
    .where(sql<boolean>`state in ('open', 'stopping')`)
    .execute();
  await db.schema.createIndex('idle_episodes_opened_at').on('idle_episodes').column('opened_at').execute();
  await db.schema.createIndex('idle_episodes_updated_at').on('idle_episodes').column('updated_at').execute();

  await db.schema
    .createTable('keeps')
    .addColumn('pod_id', 'text', (c) => c.primaryKey())
    .addColumn('until_at', TIME, (c) => c.notNull())
    .addColumn('kept_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('set_at', TIME, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exemptions')
    .addColumn('pod_id', 'text', (c) => c.primaryKey())
    .addColumn('exempted_by', 'text', (c) => c.notNull())
    .addColumn('exempted_at', TIME, (c) => c.notNull())
    .execute();
}

async function createDigestTables(db: Db, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('digest_subscriptions')
    .addColumn('channel', 'text', (c) => c.primaryKey())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('minute', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('subscribed_by', 'text', (c) => c.notNull())
    .addColumn('subscribed_at', TIME, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('digest_claims')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('claimed_at', TIME, (c) => c.notNull())
    .addColumn('message_ts', 'text')
    .addPrimaryKeyConstraint('digest_claims_pk', ['channel', 'local_date'])
    .execute();

  await db.schema
    .createTable('alert_states')
    .addColumn('alert_key', 'text', (c) => c.primaryKey())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('changed_at', TIME, (c) => c.notNull())
    .addColumn('value', 'double precision')
    .execute();

  await db.schema
    .createTable('savings')
    .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigint', autoId(dialect))
    .addColumn('pod_id', 'text', (c) => c.notNull())
    .addColumn('pod_name', 'text', (c) => c.notNull())
    .addColumn('stopped_at', TIME, (c) => c.notNull())
    .addColumn('cost_per_hr', MONEY, (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('resumed_at', TIME)
    .execute();
  await db.schema.createIndex('savings_pod').on('savings').column('pod_id').execute();
  await db.schema.createIndex('savings_stopped_at').on('savings').column('stopped_at').execute();
}

/** Every migration, by name in order of application. */
export function createMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001_initial': {
      up: async (db: Db) => {
        await createOwnersAndAudit(db, dialect);
        await createSampleTables(db);
        await createIdleTables(db);
        await createDigestTables(db, dialect);
      },
    },
    '0011_a_prompt_outbox': {
      up: async (db: Db) => {
        await db.schema
          .createTable('prompt_outbox')
          .addColumn('episode_id', 'text', (c) => c.notNull())
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('ts', 'text')
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .addPrimaryKeyConstraint('prompt_outbox_pk', ['episode_id', 'recipient'])
          .execute();
        await db.schema.createIndex('prompt_outbox_state').on('prompt_outbox').column('state').execute();
      },
    },
    '0012_b_escalation_outbox': {
      up: async (db: Db) => {
        await db.schema
          .createTable('escalation_outbox')
          .addColumn('episode_id', 'text', (c) => c.primaryKey())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('ts', 'text')
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('created_at', TIME, (c) => c.notNull())
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .execute();
      },
    },
    '0012_a_autoresume': {
      up: async (db: Db) => {
        await db.schema
          .createTable('autoresume_pods')
          .addColumn('pod_id', 'text', (c) => c.primaryKey())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('set_by', 'text', (c) => c.notNull())
          .addColumn('set_at', TIME, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('autoresume_runs')
          .addColumn('pod_id', 'text', (c) => c.primaryKey())
          .addColumn('pod_name', 'text', (c) => c.notNull())
          .addColumn('interrupted_at', TIME, (c) => c.notNull())
          .addColumn('channel', 'text')
          .addColumn('thread_ts', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('next_at', TIME, (c) => c.notNull())
          .addColumn('updated_at', TIME, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('autoresume_runs_state').on('autoresume_runs').column('state').execute();
      },
    },
    // One pod's episodes (its newest, its keeps) are read without scanning every pod's.
    '0012_d_idle_episodes_pod': {
      up: async (db: Db) => {
        await db.schema
          .createIndex('idle_episodes_pod')
          .on('idle_episodes')
          .columns(['pod_id', 'updated_at'])
          .execute();
      },
    },
    '0009_a_stopped_pods': {
      up: async (db: Db) => {
        await db.schema
          .createTable('stopped_pods')
          .addColumn('pod_id', 'text', (c) => c.primaryKey())
          .addColumn('pod_name', 'text', (c) => c.notNull())
          .addColumn('since', TIME, (c) => c.notNull())
          .addColumn('since_exact', 'integer', (c) => c.notNull())
          .addColumn('nudged_at', TIME)
          .addColumn('snoozed_until', TIME)
          .addColumn('snoozed_by', 'text')
          .execute();
      },
    },
  };
}
