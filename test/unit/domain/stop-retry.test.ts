import { describe, expect, it } from 'vitest';
import { STOP_RETRY_MAX_MS, stopRetryDue } from '../../../src/domain/idle-deadline.js';

const MIN = 60_000;
const last = new Date('2026-11-02T11:00:00Z');
const later = (ms: number) => new Date(last.getTime() + ms);

describe('stopRetryDue', () => {
  it('tries the first stop at once', () => {
    expect(stopRetryDue({ stopAttempts: 0, updatedAt: last }, last)).toBe(true);
  });

  it('waits 1, 2, 4, 8, 16 minutes after each refusal', () => {
    [1, 2, 4, 8, 16].forEach((minutes, i) => {
      const episode = { stopAttempts: i + 1, updatedAt: last };
      expect(stopRetryDue(episode, later(minutes * MIN - 1))).toBe(false);
      expect(stopRetryDue(episode, later(minutes * MIN))).toBe(true);
    });
  });

  it('never waits longer than 30 minutes', () => {
    const episode = { stopAttempts: 40, updatedAt: last };
    expect(stopRetryDue(episode, later(STOP_RETRY_MAX_MS - 1))).toBe(false);
    expect(stopRetryDue(episode, later(STOP_RETRY_MAX_MS))).toBe(true);
  });
});
