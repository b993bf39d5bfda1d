import { describe, expect, it } from 'vitest';
import { type ReadinessInput, readinessFaults } from '../../../src/domain/readiness.js';

const MIN = 60_000;
const start = new Date('2026-12-01T10:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * MIN);

const input = (over: Partial<ReadinessInput>): ReadinessInput => ({
  now: at(0),
  startedAt: start,
  lastPollOkAt: null,
  pollIntervalMs: MIN,
  storeError: null,
  socketConnected: null,
  ...over,
});

describe('readinessFaults', () => {
  it('has none while the app is younger than 3 poll intervals, even before any poll succeeded', () => {
    expect(readinessFaults(input({ now: at(3) }))).toEqual([]);
  });

  it('counts the 3 intervals from the last successful poll, exactly', () => {
    expect(readinessFaults(input({ now: at(10), lastPollOkAt: at(7) }))).toEqual([]);
    expect(readinessFaults(input({ now: new Date(at(10).getTime() + 1), lastPollOkAt: at(7) }))).toEqual([
      { check: 'runpod', message: 'the last successful RunPod poll was 3 min ago (limit 3 min)' },
    ]);
  });

  it('scales with POLL_INTERVAL', () => {
    const slow = { pollIntervalMs: 5 * MIN, lastPollOkAt: at(0) };
    expect(readinessFaults(input({ ...slow, now: at(15) }))).toEqual([]);
    expect(readinessFaults(input({ ...slow, now: at(16) }))[0]?.message).toBe(
      'the last successful RunPod poll was 16 min ago (limit 15 min)',
    );
  });

  it('names every fault at once: store, RunPod, Socket Mode', () => {
    const faults = readinessFaults(
      input({ now: at(5), storeError: 'connect ECONNREFUSED 127.0.0.1:5432', socketConnected: false }),
    );
    expect(faults).toEqual([
      { check: 'store', message: 'the database did not answer a query: connect ECONNREFUSED 127.0.0.1:5432' },
      { check: 'runpod', message: 'no RunPod poll has succeeded since the start 5 min ago (limit 3 min)' },
      { check: 'slack', message: 'the Socket Mode connection to Slack is down' },
    ]);
  });

  it('ignores the socket in HTTP mode and wants it connected in Socket Mode', () => {
    expect(readinessFaults(input({ socketConnected: null }))).toEqual([]);
    expect(readinessFaults(input({ socketConnected: true }))).toEqual([]);
  });
});
