/**
 * The identity of the SQLite file a store has open (device and inode). Removing or replacing the
 * file under a running process leaves SQLite writing into a file nobody will ever open again: every
 * write "succeeds" and is lost at the next restart. So the identity is checked before every
 * statement; once it differs (or the file is gone), the store is poisoned: every statement throws
 * from then on, readiness pings included, and the process takes no more work that would be lost.
 */
import { statSync } from 'node:fs';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { StoreUnavailableError } from '../domain/errors.js';
import type { Logger } from '../lib/logger.js';

type Identity = { dev: number; ino: number };

function identityOf(file: string): Identity | null {
  try {
    const stat = statSync(file);
    return { dev: stat.dev, ino: stat.ino };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}

/** Wraps the database Kysely talks to: `prepare` (every statement) first checks the file's identity. */
export function guardSqliteIdentity(
  database: { prepare(sql: string): SqliteStatement; close(): unknown },
  file: string,
  logger: Logger,
): SqliteDatabase {
  const opened = identityOf(file);
  let poisoned: string | null = null;
  const check = () => {
    if (poisoned === null) {
      const now = identityOf(file);
      if (now === null) poisoned = 'the SQLite file was removed while podwarden was running';
      else if (opened !== null && (now.dev !== opened.dev || now.ino !== opened.ino)) {
        poisoned = 'the SQLite file was replaced while podwarden was running';
      }
      if (poisoned !== null)
        logger.error({ file, reason: poisoned }, 'store poisoned; no more work is taken');
    }
    if (poisoned !== null) throw new StoreUnavailableError(poisoned);
  };
  return {
    prepare: (sql: string) => {
      check();
      return database.prepare(sql);
    },
    close: () => {
      database.close();
    },
  };
}
