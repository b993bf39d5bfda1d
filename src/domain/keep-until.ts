import { nextLocalTime } from '../lib/time-zone.js';

/** How long to keep a pod: for a duration, or until the next local wall-clock time. */
export type KeepRequest = { kind: 'for'; ms: number } | { kind: 'until'; hour: number; minute: number };

/** The "Keep until 09:00" button: the next 09:00 on the reader's wall clock. */
export const KEEP_UNTIL_HOUR = 9;
export const KEEP_UNTIL_MINUTE = 0;

export type KeepDecision = {
  until: Date;
  /** What was asked for, before the limit. */
  requestedUntil: Date;
  /** True when the request was cut to the limit. */
  capped: boolean;
};

/**
 * When a keep ends. `until HH:MM` means the next such time in `timeZone` (DST-aware); a member's keep
 * is cut to `maxKeepMs` (null: unbounded, for admins).
 */
export function keepUntil(
  request: KeepRequest,
  now: Date,
  timeZone: string,
  maxKeepMs: number | null,
): KeepDecision {
  const requestedUntil =
    request.kind === 'for'
      ? new Date(now.getTime() + request.ms)
      : nextLocalTime(now, request.hour, request.minute, timeZone);
  if (maxKeepMs !== null && requestedUntil.getTime() - now.getTime() > maxKeepMs) {
    return { until: new Date(now.getTime() + maxKeepMs), requestedUntil, capped: true };
  }
  return { until: requestedUntil, requestedUntil, capped: false };
}

/** The next 09:00 for the reader, as offered on the prompt's last keep button. */
export const nextKeepMorning = (now: Date, timeZone: string): Date =>
  nextLocalTime(now, KEEP_UNTIL_HOUR, KEEP_UNTIL_MINUTE, timeZone);

/** True while a keep holds at `now`. */
export const keepHolds = (keep: { until: Date } | null, now: Date): boolean =>
  keep !== null && keep.until.getTime() > now.getTime();
