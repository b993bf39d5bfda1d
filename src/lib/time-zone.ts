/**
 * Wall-clock arithmetic in IANA time zones with Intl only. Everything is stored in UTC; these
 * helpers turn instants into a reader's local date and time and back, DST included.
 */
export type LocalDateTime = {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function toLocal(at: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Berlin in winter: +3_600_000). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const local = toLocal(at, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which the zone's wall clock shows `local`. A time skipped by a DST jump maps to
 * the instant after the jump; a repeated time maps to its first occurrence.
 */
export function fromLocal(
  local: Omit<LocalDateTime, 'second'> & { second?: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
  const candidates = new Set<number>();
  for (const probe of [wall - 86_400_000, wall, wall + 86_400_000]) {
    candidates.add(wall - zoneOffsetMs(new Date(probe), timeZone));
  }
  const exact = [...candidates]
    .filter((t) => wall - zoneOffsetMs(new Date(t), timeZone) === t)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // Skipped by a spring-forward jump: use the offset from before the jump, which lands after it.
  return new Date(wall - zoneOffsetMs(new Date(wall - 86_400_000), timeZone));
}

export function startOfLocalDay(at: Date, timeZone: string): Date {
  const local = toLocal(at, timeZone);
  return fromLocal({ year: local.year, month: local.month, day: local.day, hour: 0, minute: 0 }, timeZone);
}

/** Midnight `days` calendar days after the local day of `at` (negative goes back). */
export function addLocalDays(at: Date, days: number, timeZone: string): Date {
  const local = toLocal(at, timeZone);
  const shifted = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return fromLocal(
    {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
}

export function startOfLocalMonth(at: Date, timeZone: string): Date {
  const local = toLocal(at, timeZone);
  return fromLocal({ year: local.year, month: local.month, day: 1, hour: 0, minute: 0 }, timeZone);
}

export function startOfNextLocalMonth(at: Date, timeZone: string): Date {
  const local = toLocal(at, timeZone);
  const next =
    local.month === 12 ? { year: local.year + 1, month: 1 } : { year: local.year, month: local.month + 1 };
  return fromLocal({ ...next, day: 1, hour: 0, minute: 0 }, timeZone);
}

/** The first instant strictly after `after` at which the local clock shows hour:minute. */
export function nextLocalTime(after: Date, hour: number, minute: number, timeZone: string): Date {
  for (let days = 0; days <= 2; days++) {
    const day = addLocalDays(after, days, timeZone);
    const local = toLocal(day, timeZone);
    const candidate = fromLocal(
      { year: local.year, month: local.month, day: local.day, hour, minute },
      timeZone,
    );
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error('nextLocalTime: no candidate within two days');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-29` in the zone. */
export function localDateKey(at: Date, timeZone: string): string {
  const l = toLocal(at, timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`;
}

/** `14:30` in the zone. */
export function formatLocalTime(at: Date, timeZone: string): string {
  const l = toLocal(at, timeZone);
  return `${pad(l.hour)}:${pad(l.minute)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Sun 29 Nov` in the zone. */
export function formatLocalDay(at: Date, timeZone: string): string {
  const l = toLocal(at, timeZone);
  const weekday = WEEKDAYS[new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay()];
  return `${weekday} ${l.day} ${MONTHS[l.month - 1]}`;
}

/** `14:30` today, `Mon 09:00` within a week, else `Sun 29 Nov 14:30`, relative to `now` in the zone. */
export function formatLocalWhen(at: Date, now: Date, timeZone: string): string {
  const time = formatLocalTime(at, timeZone);
  if (localDateKey(at, timeZone) === localDateKey(now, timeZone)) return time;
  const days =
    (startOfLocalDay(at, timeZone).getTime() - startOfLocalDay(now, timeZone).getTime()) / 86_400_000;
  if (days > 0 && days < 7) return `${formatLocalDay(at, timeZone).slice(0, 3)} ${time}`;
  return `${formatLocalDay(at, timeZone)} ${time}`;
}
