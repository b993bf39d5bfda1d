import {
  addLocalDays,
  formatLocalDay,
  localDateKey,
  startOfLocalDay,
  startOfLocalMonth,
} from '../lib/time-zone.js';

export type CostPeriodName = 'today' | 'yesterday' | 'week' | 'month';

export type CostRange = { from: Date; to: Date; label: string };

/**
 * The instants a period covers for a reader in `timeZone`. Days begin at local midnight, so a
 * DST day lasts 23 or 25 hours. `week` is the last 7 days including today, `month` the calendar
 * month to date; periods that include today end now.
 */
export function costRange(period: CostPeriodName, now: Date, timeZone: string): CostRange {
  const today = startOfLocalDay(now, timeZone);
  switch (period) {
    case 'today':
      return { from: today, to: now, label: `today (${formatLocalDay(now, timeZone)})` };
    case 'yesterday': {
      const from = addLocalDays(now, -1, timeZone);
      return { from, to: today, label: `yesterday (${formatLocalDay(from, timeZone)})` };
    }
    case 'week': {
      const from = addLocalDays(now, -6, timeZone);
      return { from, to: now, label: `the last 7 days (since ${formatLocalDay(from, timeZone)})` };
    }
    case 'month': {
      const from = startOfLocalMonth(now, timeZone);
      return { from, to: now, label: `this month to date (since ${formatLocalDay(from, timeZone)})` };
    }
  }
}

export type LocalDay = { key: string; from: Date; to: Date };

/** The `count` local days ending with the day before `now`'s day (oldest first), or with today when `includeToday`. */
export function lastLocalDays(now: Date, count: number, timeZone: string, includeToday = false): LocalDay[] {
  const days: LocalDay[] = [];
  const end = includeToday ? 1 : 0;
  for (let offset = end - count; offset < end; offset++) {
    const from = addLocalDays(now, offset, timeZone);
    const to = addLocalDays(now, offset + 1, timeZone);
    days.push({ key: localDateKey(from, timeZone), from, to: to.getTime() > now.getTime() ? now : to });
  }
  return days;
}
