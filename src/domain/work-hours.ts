import { isValidTimeZone, toLocal } from '../lib/time-zone.js';

/**
 * An owner's working hours: local wall-clock minutes [from, to) on some weekdays (0 = Sunday),
 * read in the owner's own time zone, so that DST and every zone's offset are the zone's business.
 */
export type WorkHours = { fromMinute: number; toMinute: number; days: readonly number[] };

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const clock = (text: string): number | null => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
  return hour * 60 + minute;
};

/** `09:00-18:00` → minutes of the day; null when malformed or empty. */
export function parseWorkClock(text: string): { fromMinute: number; toMinute: number } | null {
  const [from, to, ...rest] = text.split('-');
  if (from === undefined || to === undefined || rest.length > 0) return null;
  const fromMinute = clock(from.trim());
  const toMinute = clock(to.trim());
  if (fromMinute === null || toMinute === null || fromMinute >= toMinute) return null;
  return { fromMinute, toMinute };
}

/** `mon-fri`, `sun-thu` or a list `mon,tue,thu` → weekday numbers (0 = Sunday); null when malformed. */
export function parseWorkDays(text: string): number[] | null {
  const day = (name: string) => DAY_NAMES.indexOf(name.trim().toLowerCase() as (typeof DAY_NAMES)[number]);
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [first, last, ...rest] = part.split('-');
    if (first === undefined || rest.length > 0) return null;
    const from = day(first);
    const to = last === undefined ? from : day(last);
    if (from < 0 || to < 0) return null;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** The zone to read the owner's clock in: theirs when this runtime knows it, else the fallback. */
export const ownerZone = (zone: string | null, fallback: string): string =>
  zone !== null && isValidTimeZone(zone) ? zone : fallback;

/** Is `at` inside the working hours, on the wall clock of `timeZone`? */
export function inWorkHours(at: Date, timeZone: string, hours: WorkHours): boolean {
  const local = toLocal(at, timeZone);
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  const minute = local.hour * 60 + local.minute;
  return hours.days.includes(weekday) && minute >= hours.fromMinute && minute < hours.toMinute;
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const dayName = (d: number) => {
  const name = DAY_NAMES[d] ?? '?';
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** `09:00–18:00 Mon–Fri` (a run of days) or `09:00–18:00 Mon, Wed, Fri`, for prompts and docs. */
export function describeWorkHours(hours: WorkHours): string {
  const days = [...hours.days].sort((a, b) => a - b);
  const first = days[0];
  const last = days.at(-1);
  const run =
    first !== undefined && last !== undefined && last - first + 1 === days.length && days.length > 2;
  const names = run ? `${dayName(first)}–${dayName(last)}` : days.map(dayName).join(', ');
  return `${hhmm(hours.fromMinute)}–${hhmm(hours.toMinute)} ${names}`;
}
