import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept prepared; the least recently used one goes first. */
const KEPT_STATEMENTS = 256;

/**
 * Kysely prepares every query it runs anew; SQLite compiles the same few dozen statements again
 * thousands of times a poll at scale. This keeps them prepared, by SQL text. Safe because
 * Kysely runs one statement at a time to completion (all/run; nothing here streams).
 */
export function reusePreparedStatements(
  database: { prepare(sql: string): SqliteStatement; close(): unknown },
  limit = KEPT_STATEMENTS,
): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    prepare: (sql: string) => {
      const found = kept.get(sql);
      if (found) {
        kept.delete(sql);
        kept.set(sql, found);
        return found;
      }
      const statement = database.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > limit) {
        const oldest = kept.keys().next().value;
        if (oldest !== undefined) kept.delete(oldest);
      }
      return statement;
    },
    close: () => {
      kept.clear();
      database.close();
    },
  };
}
