/**
 * Slack's date token, `<!date^UNIX^{date_short_pretty} {time}|fallback>`: every reader sees the
 * instant in their own time zone and language. The fallback (for clients and notifications that
 * cannot render it) is written in a zone we know, with that zone named.
 */
import { escapeMrkdwn } from './escape.js';
import { formatLocalWhen } from './time-zone.js';

export type SlackDateFormat = 'when' | 'time' | 'day';

const TOKENS: Record<SlackDateFormat, string> = {
  when: '{date_short_pretty} {time}',
  time: '{time}',
  day: '{date_short_pretty}',
};

/** A time every reader sees in their own zone; `fallbackZone` only writes the fallback text. */
export function slackDate(
  at: Date,
  now: Date,
  fallbackZone: string,
  format: SlackDateFormat = 'when',
): string {
  const seconds = Math.floor(at.getTime() / 1000);
  const fallback = `${formatLocalWhen(at, now, fallbackZone)} ${fallbackZone}`;
  return `<!date^${seconds}^${TOKENS[format]}|${escapeMrkdwn(fallback)}>`;
}
