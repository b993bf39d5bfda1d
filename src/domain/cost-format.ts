const USD = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** `$1,234.56`; amounts are rounded to cents only here, when shown. */
export function formatUsd(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  return USD.format(Object.is(rounded, -0) ? 0 : rounded);
}

/** `$2.49/h`. */
export const formatUsdPerHour = (amount: number): string => `${formatUsd(amount)}/h`;

/** `12.5 h` from seconds, one decimal. */
export function formatHours(seconds: number): string {
  const hours = Math.round((seconds / 3600) * 10) / 10;
  return `${hours.toLocaleString('en-US')} h`;
}

/** `+12 %` / `−8 %` change from `before` to `after`; null when there is nothing to compare with. */
export function formatChange(after: number, before: number): string | null {
  if (before < 0.005) return null;
  const percent = Math.round(((after - before) / before) * 100);
  if (percent === 0) return '±0 %';
  return percent > 0 ? `+${percent} %` : `−${Math.abs(percent)} %`;
}

/** `37 %`. */
export const formatPercent = (share: number): string => `${Math.round(share * 100)} %`;

/** `4.2 days`; under a day also in hours: `0.8 days (18 h)`. */
export function formatRunway(days: number): string {
  const text = `${(Math.round(days * 10) / 10).toLocaleString('en-US')} days`;
  return days < 1 ? `${text} (${Math.round(days * 24)} h)` : text;
}

/** How pods nobody owns are labelled where a Slack mention cannot render (the chart). */
export const UNOWNED_LABEL = 'unowned';
