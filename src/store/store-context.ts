import type { Kysely } from 'kysely';
import type { StoreDialect, StoreSchema } from './schema.js';

/** What every part of the store shares: the Kysely instance and which database is behind it. */
export type StoreContext = { db: Kysely<StoreSchema>; dialect: StoreDialect };
