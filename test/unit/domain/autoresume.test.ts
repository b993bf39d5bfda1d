import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/domain/audit.js';
import {
  AUTORESUME_REASON,
  autoresumeBackoffMs,
  decideAutoresume,
  nextAttemptAt,
  personActedSince,
} from '../../../src/domain/autoresume.js';

const MINUTE = 60_000;
const T0 = new Date('2026-11-30T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const run = { interruptedAt: T0 };
const TWO_HOURS = 120 * MINUTE;

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  at: at(5),
  actor: 'U_BOB',
  podId: 'pod-s',
  podName: 'sdxl',
  action: 'resume',
  reason: null,
  outcome: 'ok',
  detail: null,
  evidence: null,
  ...overrides,
});

describe('autoresume backoff', () => {
  it('waits 1, 2, 4, 8, 16 minutes after each failed attempt, then 30 at most', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => autoresumeBackoffMs(n) / MINUTE)).toEqual([
      1, 2, 4, 8, 16, 30, 30, 30,
    ]);
    expect(autoresumeBackoffMs(0)).toBe(MINUTE);
  });

  it('never schedules past the give-up bound, so the give-up comes on time', () => {
    expect(nextAttemptAt(run, 1, at(1), TWO_HOURS)).toEqual(at(2));
    expect(nextAttemptAt(run, 5, at(16), 20 * MINUTE)).toEqual(at(20));
    expect(nextAttemptAt(run, 9, at(125), TWO_HOURS)).toEqual(at(125));
  });
});

describe('decideAutoresume', () => {
  const base = {
    run,
    now: at(3),
    giveUpAfterMs: TWO_HOURS,
    enabled: true,
    status: 'EXITED' as const,
    personActed: null,
  };

  it('tries a stopped pod within the bound', () => {
    expect(decideAutoresume(base)).toEqual({ kind: 'attempt' });
    expect(decideAutoresume({ ...base, status: 'PAUSED' })).toEqual({ kind: 'attempt' });
  });

  it('gives up once the bound has passed since the interruption', () => {
    expect(decideAutoresume({ ...base, now: at(119) })).toEqual({ kind: 'attempt' });
    expect(decideAutoresume({ ...base, now: at(120) })).toEqual({ kind: 'give_up' });
  });

  it('stops trying when turned off, when a person acted, or when the pod is gone or no longer stopped', () => {
    expect(decideAutoresume({ ...base, enabled: false })).toEqual({
      kind: 'cancel',
      reason: 'turned_off',
      by: null,
    });
    expect(decideAutoresume({ ...base, personActed: { actor: 'U_ADA' } })).toEqual({
      kind: 'cancel',
      reason: 'person_acted',
      by: 'U_ADA',
    });
    expect(decideAutoresume({ ...base, status: null })).toMatchObject({ reason: 'terminated' });
    expect(decideAutoresume({ ...base, status: 'TERMINATED' })).toMatchObject({ reason: 'terminated' });
    expect(decideAutoresume({ ...base, status: 'RUNNING' })).toMatchObject({ reason: 'running' });
    expect(decideAutoresume({ ...base, status: 'RESTARTING' })).toMatchObject({ reason: 'not_stopped' });
    // Turned off wins over everything, even past the bound.
    expect(decideAutoresume({ ...base, enabled: false, now: at(500) })).toMatchObject({
      reason: 'turned_off',
    });
  });
});

describe('personActedSince', () => {
  it('finds a stop, resume or terminate since the interruption by a person, or podwarden’s idle stop', () => {
    expect(personActedSince([entry({})], T0)?.actor).toBe('U_BOB');
    expect(personActedSince([entry({ actor: 'podwarden', action: 'idle_stop' })], T0)?.action).toBe(
      'idle_stop',
    );
    expect(personActedSince([entry({ action: 'terminate', actor: 'U_ADA' })], T0)?.actor).toBe('U_ADA');
  });

  it('ignores autoresume’s own attempts, refusals, failures, other actions and anything before', () => {
    const ignored = [
      entry({ actor: 'podwarden', reason: AUTORESUME_REASON }),
      entry({ outcome: 'refused' }),
      entry({ outcome: 'failed' }),
      entry({ action: 'keep' }),
      entry({ action: 'autoresume', detail: 'off' }),
      entry({ at: at(-1) }),
    ];
    expect(personActedSince(ignored, T0)).toBeNull();
  });
});
