import type { Kysely } from 'kysely';
import type { StoreDialect, StoreSchema } from './schema.js';
import type { SqliteBulk } from './sqlite-bulk.js';

/** What every part of the store shares: the Kysely instance and which database is behind it. */
export type StoreContext = {
  db: Kysely<StoreSchema>;
  dialect: StoreDialect;
  /** SQLite only: a poll's samples and sightings through prepared statements (sqlite-bulk.ts). */
  bulk?: SqliteBulk;
};
