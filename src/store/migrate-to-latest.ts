import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Logger } from '../lib/logger.js';
import { createMigrations } from './migrations.js';
import type { StoreDialect, StoreSchema } from './schema.js';

const inCodeProvider = (migrations: Record<string, Migration>): MigrationProvider => ({
  getMigrations: async () => migrations,
});

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Applies the pending migrations; a no-op when the database is current. Throws an Error naming
 * the failed migration. `schema` pins Kysely's bookkeeping tables to that Postgres schema.
 */
export async function migrateToLatest(
  db: Kysely<StoreSchema>,
  dialect: StoreDialect,
  logger: Logger,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: inCodeProvider(createMigrations(dialect)),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  for (const result of results) {
    if (result.status === 'Success') {
      logger.info({ migration: result.migrationName, dialect }, 'database migration applied');
    }
  }
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      failed === undefined
        ? `migrations failed: ${describe(error)}`
        : `migration ${failed} failed: ${describe(error)}`,
    );
  }
}
