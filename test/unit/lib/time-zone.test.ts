import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  formatLocalTime,
  fromLocal,
  isValidTimeZone,
  localDateKey,
  nextLocalTime,
  startOfLocalDay,
  startOfNextLocalMonth,
  toLocal,
} from '../../../src/lib/time-zone.js';

const iso = (d: Date) => d.toISOString();

describe('time zones', () => {
  it('converts wall-clock times both ways, in winter and in summer', () => {
    expect(iso(fromLocal({ year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, 'Europe/Berlin'))).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(iso(fromLocal({ year: 2026, month: 7, day: 15, hour: 9, minute: 0 }, 'Europe/Berlin'))).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    expect(toLocal(new Date('2026-07-15T07:00:00Z'), 'America/New_York')).toMatchObject({ day: 15, hour: 3 });
  });

  it('maps a time skipped by spring-forward to the instant after the jump', () => {
    // Berlin jumps from 02:00 to 03:00 on 2026-03-29: 02:30 does not exist.
    expect(iso(fromLocal({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('maps a repeated fall-back time to its first occurrence', () => {
    // Berlin repeats 02:00-03:00 on 2026-10-25: the first 02:30 is CEST (UTC+2).
    expect(iso(fromLocal({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('has local days of 23 and 25 hours around DST changes', () => {
    const spring = startOfLocalDay(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    const afterSpring = addLocalDays(spring, 1, 'Europe/Berlin');
    expect((afterSpring.getTime() - spring.getTime()) / 3_600_000).toBe(23);
    const autumn = startOfLocalDay(new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect((addLocalDays(autumn, 1, 'Europe/Berlin').getTime() - autumn.getTime()) / 3_600_000).toBe(25);
  });

  it('finds the next 09:00 in the owner zone', () => {
    const now = new Date('2026-11-29T20:00:00Z'); // 15:00 in New York
    expect(iso(nextLocalTime(now, 9, 0, 'America/New_York'))).toBe('2026-11-30T14:00:00.000Z');
    const morning = new Date('2026-11-30T07:59:00Z'); // 08:59 in Berlin
    expect(iso(nextLocalTime(morning, 9, 0, 'Europe/Berlin'))).toBe('2026-11-30T08:00:00.000Z');
  });

  it('formats local dates and times and knows valid zones', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    expect(localDateKey(at, 'Asia/Tokyo')).toBe('2027-01-01');
    expect(formatLocalTime(at, 'Asia/Tokyo')).toBe('08:30');
    expect(iso(startOfNextLocalMonth(at, 'UTC'))).toBe('2027-01-01T00:00:00.000Z');
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
