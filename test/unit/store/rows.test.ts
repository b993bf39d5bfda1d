import { describe, expect, it } from 'vitest';
import { describePostgresUrl } from '../../../src/store/open-postgres-store.js';
import { episodeFromRow, episodeRow, sampleFromRow, sampleRow } from '../../../src/store/rows.js';
import { anEpisode, aSample } from '../../integration/store/store-fixtures.js';

describe('store rows', () => {
  it('keeps times as epoch milliseconds and arrays as JSON text', () => {
    const row = sampleRow(aSample());
    expect(row.at).toBe(Date.parse('2026-11-02T10:00:00.000Z'));
    expect(row.gpu_util).toBe('[3,97.5]');
    expect(row.has_runtime).toBe(1);
    expect(sampleFromRow(row)).toEqual(aSample());
  });

  it('round-trips an episode, messages included', () => {
    const episode = anEpisode({ remindedAt: new Date('2026-11-02T10:20:00Z'), decidedBy: 'U_ALICE' });
    expect(episodeFromRow(episodeRow(episode))).toEqual(episode);
  });

  it('refuses a row whose state podwarden does not know', () => {
    const row = { ...episodeRow(anEpisode()), state: 'paused' };
    expect(() => episodeFromRow(row)).toThrow();
  });

  it('refuses malformed JSON arrays instead of passing them on', () => {
    const row = { ...sampleRow(aSample()), gpu_util: '["high"]' };
    expect(() => sampleFromRow(row)).toThrow();
  });
});

describe('describePostgresUrl', () => {
  it('names host, port and database, never the user, password or options', () => {
    const text = describePostgresUrl(
      'postgres://warden:s3cret@db.internal:6543/podwarden?options=-c%20x%3Dy',
    );
    expect(text).toBe('db.internal:6543/podwarden');
  });

  it('does not echo a URL it cannot parse', () => {
    expect(describePostgresUrl('postgres://warden:s3cret@[bad')).toBe('the configured Postgres URL');
  });
});
