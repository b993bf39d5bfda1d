import { inlineCode } from '../lib/escape.js';
import { BUDGET_CLEAR_RATIO, RUNWAY_CLEAR_RATIO } from './cost-alerts.js';
import type { RunningPod } from './cost-current.js';
import { formatRunway, formatUsd, formatUsdPerHour } from './cost-format.js';

const owner = (ownerId: string | null) => (ownerId ? `<@${ownerId}>` : '_unowned_');

function topRunning(pods: readonly RunningPod[]): string {
  if (pods.length === 0) return '';
  const shown = pods
    .slice(0, 5)
    .map((p) => `${inlineCode(p.podName)} ${formatUsdPerHour(p.costPerHr)} (${owner(p.ownerId)})`);
  const more = pods.length > 5 ? ` and ${pods.length - 5} more` : '';
  return `\nMost expensive running: ${shown.join(', ')}${more}.`;
}

/** Posted once when the spend rate crosses above BUDGET_PER_HOUR. */
export function budgetAlertText(
  spendPerHour: number,
  budgetPerHour: number,
  running: readonly RunningPod[],
): string {
  return (
    `:warning: The team is spending ${formatUsdPerHour(spendPerHour)} on RunPod, above the budget of ${formatUsdPerHour(budgetPerHour)}.` +
    topRunning(running) +
    `\nThis alert stays quiet until the rate falls below ${formatUsdPerHour(budgetPerHour * BUDGET_CLEAR_RATIO)} and crosses the budget again.`
  );
}

/** Posted once when the balance's runway falls below RUNWAY_ALERT_DAYS. */
export function runwayAlertText(
  runwayDays: number,
  balanceUsd: number,
  spendPerHour: number,
  alertDays: number,
  running: readonly RunningPod[],
): string {
  return (
    `:warning: The RunPod balance of ${formatUsd(balanceUsd)} lasts about ${formatRunway(runwayDays)} at the current ${formatUsdPerHour(spendPerHour)} (alert below ${formatRunway(alertDays)}). When it reaches $0, RunPod stops every pod, and pods without a network volume are terminated. Top up, or stop what is not needed.` +
    topRunning(running) +
    `\nThis alert stays quiet until the runway is back above ${formatRunway(alertDays * RUNWAY_CLEAR_RATIO)}.`
  );
}

/** Sent once to each admin's DM when an alert could not be posted in its channel. */
export function undeliveredAlertText(channel: string, reason: string, alert: string): string {
  return `I could not post this alert in <#${channel}> (Slack said: ${reason}). I will post it there once I can; if I was removed from the channel or it is private, invite me back with \`/invite @podwarden\`.\n\n${alert}`;
}
