import { startOfNextLocalMonth } from '../lib/time-zone.js';

/**
 * Month forecast = month to date + current spend rate × hours left in the calendar month (in
 * the reader's zone, so a DST month has its true number of hours).
 */
export function forecastMonth(
  monthToDateUsd: number,
  spendPerHour: number,
  now: Date,
  timeZone: string,
): number {
  const hoursLeft = Math.max(0, startOfNextLocalMonth(now, timeZone).getTime() - now.getTime()) / 3_600_000;
  return monthToDateUsd + Math.max(0, spendPerHour) * hoursLeft;
}

/** Days the balance lasts at the current spend rate; null when nothing is spending or the balance is unknown. */
export function runwayDays(balanceUsd: number | null, spendPerHour: number | null): number | null {
  if (balanceUsd === null || spendPerHour === null || spendPerHour <= 0) return null;
  return Math.max(0, balanceUsd) / (spendPerHour * 24);
}
