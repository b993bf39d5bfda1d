import { describe, expect, it } from 'vitest';
import { budgetAlertMove, runwayAlertMove } from '../../../src/domain/cost-alerts.js';
import { formatRunway } from '../../../src/domain/cost-format.js';
import { forecastMonth, runwayDays } from '../../../src/domain/forecast.js';

describe('month forecast', () => {
  it('adds the current rate for every hour left in the calendar month', () => {
    // 30 Nov 2026 12:00 UTC: 12 hours left in November (UTC).
    const now = new Date('2026-11-30T12:00:00Z');
    expect(forecastMonth(1000, 2.5, now, 'UTC')).toBeCloseTo(1030, 10);
    // In Berlin (UTC+1) November ends at 23:00 UTC: 11 hours left.
    expect(forecastMonth(1000, 2.5, now, 'Europe/Berlin')).toBeCloseTo(1027.5, 10);
  });

  it('counts the true hours of a month with a DST change', () => {
    // From 1 Oct 00:00 Berlin, October 2026 lasts 31 × 24 + 1 hours (clocks go back on the 25th).
    const now = new Date('2026-09-30T22:00:00Z');
    expect(forecastMonth(0, 1, now, 'Europe/Berlin')).toBeCloseTo(745, 10);
  });

  it('never forecasts below month to date', () => {
    expect(forecastMonth(80, -3, new Date('2026-11-10T00:00:00Z'), 'UTC')).toBe(80);
  });
});

describe('runway', () => {
  it('is balance divided by the daily spend at the current rate', () => {
    expect(runwayDays(120, 2.5)).toBeCloseTo(2, 10);
  });

  it('is unknown when nothing spends or the balance is unknown', () => {
    expect(runwayDays(120, 0)).toBeNull();
    expect(runwayDays(null, 2)).toBeNull();
  });
});

describe('alert hysteresis', () => {
  it('raises the budget alert above the budget and clears it only below 90 % of it', () => {
    expect(budgetAlertMove(10.5, 10, false)).toBe('raise');
    expect(budgetAlertMove(10.5, 10, true)).toBe('stay');
    expect(budgetAlertMove(9.5, 10, true)).toBe('stay');
    expect(budgetAlertMove(8.9, 10, true)).toBe('clear');
    expect(budgetAlertMove(10, 10, false)).toBe('stay');
  });

  it('raises the runway alert below the days set and clears it only above 110 % of them', () => {
    expect(runwayAlertMove(2.9, 3, false)).toBe('raise');
    expect(runwayAlertMove(3.2, 3, true)).toBe('stay');
    expect(runwayAlertMove(3.4, 3, true)).toBe('clear');
    expect(runwayAlertMove(null, 3, true)).toBe('clear');
    expect(runwayAlertMove(null, 3, false)).toBe('stay');
  });
});

describe('runway text', () => {
  it('is in days, with hours added under a day', () => {
    expect(formatRunway(2.976)).toBe('3 days');
    expect(formatRunway(12.34)).toBe('12.3 days');
    expect(formatRunway(0.75)).toBe('0.8 days (18 h)');
  });
});
