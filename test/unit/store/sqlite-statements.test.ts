import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { reusePreparedStatements } from '../../../src/store/sqlite-statements.js';

describe('reusePreparedStatements', () => {
  it('hands back the statement prepared for the same SQL, and prepares new SQL once', () => {
    const database = new Database(':memory:');
    let prepared = 0;
    const counting = {
      prepare: (sql: string) => {
        prepared++;
        return database.prepare(sql);
      },
      close: () => database.close(),
    };
    const reused = reusePreparedStatements(counting, 2);
    const first = reused.prepare('select 1 as one');
    expect(reused.prepare('select 1 as one')).toBe(first);
    expect(prepared).toBe(1);
    reused.prepare('select 2 as two');
    reused.prepare('select 1 as one');
    // Over the limit, the least recently used statement is dropped and prepared again when asked.
    reused.prepare('select 3 as three');
    expect(prepared).toBe(3);
    expect(reused.prepare('select 1 as one')).toBe(first);
    reused.prepare('select 2 as two');
    expect(prepared).toBe(4);
    expect((first as unknown as Database.Statement).all()).toEqual([{ one: 1 }]);
    reused.close();
    expect(database.open).toBe(false);
  });
});
