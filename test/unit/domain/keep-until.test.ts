import { describe, expect, it } from 'vitest';
import { keepHolds, keepUntil, nextKeepMorning } from '../../../src/domain/keep-until.js';

const H = 3_600_000;

describe('keepUntil', () => {
  const now = new Date('2026-11-02T13:00:00Z');

  it('keeps for a duration', () => {
    expect(keepUntil({ kind: 'for', ms: 4 * H }, now, 'UTC', 24 * H)).toEqual({
      until: new Date('2026-11-02T17:00:00Z'),
      requestedUntil: new Date('2026-11-02T17:00:00Z'),
      capped: false,
    });
  });

  it("cuts a member's keep to the limit and says what was asked", () => {
    const decision = keepUntil({ kind: 'for', ms: 72 * H }, now, 'UTC', 24 * H);
    expect(decision.capped).toBe(true);
    expect(decision.until).toEqual(new Date('2026-11-03T13:00:00Z'));
    expect(decision.requestedUntil).toEqual(new Date('2026-11-05T13:00:00Z'));
  });

  it('lets admins keep beyond the limit', () => {
    const decision = keepUntil({ kind: 'for', ms: 72 * H }, now, 'UTC', null);
    expect(decision).toMatchObject({ capped: false, until: new Date('2026-11-05T13:00:00Z') });
  });

  it('until HH:MM is the next such time in the reader’s zone', () => {
    // 13:00 UTC is 14:00 in Berlin: 09:00 Berlin is tomorrow, 08:00 UTC.
    expect(keepUntil({ kind: 'until', hour: 9, minute: 0 }, now, 'Europe/Berlin', 24 * H).until).toEqual(
      new Date('2026-11-03T08:00:00Z'),
    );
    // 13:00 UTC is 08:00 in New York: 09:00 is still today.
    expect(keepUntil({ kind: 'until', hour: 9, minute: 0 }, now, 'America/New_York', 24 * H).until).toEqual(
      new Date('2026-11-02T14:00:00Z'),
    );
  });

  it('until 09:00 across the spring-forward night in Berlin', () => {
    // Sat 28 Mar 2026 22:00 Berlin (CET, 21:00 UTC); clocks jump 02:00→03:00 on Sunday 29 Mar.
    const saturdayEvening = new Date('2026-03-28T21:00:00Z');
    const decision = keepUntil(
      { kind: 'until', hour: 9, minute: 0 },
      saturdayEvening,
      'Europe/Berlin',
      24 * H,
    );
    expect(decision.until).toEqual(new Date('2026-03-29T07:00:00Z')); // 09:00 CEST
    expect(decision.until.getTime() - saturdayEvening.getTime()).toBe(10 * H); // 11 wall hours, 10 real
  });

  it('until 09:00 across the fall-back night in New York', () => {
    // Sat 31 Oct 2026 22:00 EDT (02:00 UTC Sunday); clocks fall back 02:00→01:00 on Sunday 1 Nov.
    const saturdayEvening = new Date('2026-11-01T02:00:00Z');
    const decision = keepUntil(
      { kind: 'until', hour: 9, minute: 0 },
      saturdayEvening,
      'America/New_York',
      24 * H,
    );
    expect(decision.until).toEqual(new Date('2026-11-01T14:00:00Z')); // 09:00 EST
    expect(decision.until.getTime() - saturdayEvening.getTime()).toBe(12 * H); // 11 wall hours, 12 real
  });

  it('a limit shorter than the way to 09:00 cuts it', () => {
    const decision = keepUntil({ kind: 'until', hour: 9, minute: 0 }, now, 'Europe/Berlin', 6 * H);
    expect(decision).toMatchObject({ capped: true, until: new Date('2026-11-02T19:00:00Z') });
  });
});

describe('nextKeepMorning and keepHolds', () => {
  it('is the next 09:00 strictly after now', () => {
    expect(nextKeepMorning(new Date('2026-11-02T09:00:00Z'), 'UTC')).toEqual(
      new Date('2026-11-03T09:00:00Z'),
    );
    expect(nextKeepMorning(new Date('2026-11-02T08:59:00Z'), 'UTC')).toEqual(
      new Date('2026-11-02T09:00:00Z'),
    );
  });

  it('a keep holds until its end, not after', () => {
    const until = new Date('2026-11-02T10:00:00Z');
    expect(keepHolds({ until }, new Date('2026-11-02T09:59:59Z'))).toBe(true);
    expect(keepHolds({ until }, until)).toBe(false);
    expect(keepHolds(null, until)).toBe(false);
  });
});
