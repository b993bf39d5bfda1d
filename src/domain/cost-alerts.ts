/**
 * When an alert turns on and off. Each alert has hysteresis so a value hovering around its
 * threshold does not post again and again: the budget alert clears only below 90 % of the budget,
 * the runway alert only above 110 % of the alert days.
 */
export const BUDGET_ALERT_KEY = 'budget_per_hour';
export const RUNWAY_ALERT_KEY = 'runway_days';

export const BUDGET_CLEAR_RATIO = 0.9;
export const RUNWAY_CLEAR_RATIO = 1.1;

export type AlertMove = 'raise' | 'clear' | 'stay';

/** Spend rate above the budget raises; below 90 % of it clears. */
export function budgetAlertMove(spendPerHour: number, budgetPerHour: number, active: boolean): AlertMove {
  if (!active && spendPerHour > budgetPerHour) return 'raise';
  if (active && spendPerHour < budgetPerHour * BUDGET_CLEAR_RATIO) return 'clear';
  return 'stay';
}

/** Runway (days) below the threshold raises; above 110 % of it, or nothing spending (null), clears. */
export function runwayAlertMove(runway: number | null, alertDays: number, active: boolean): AlertMove {
  if (!active && runway !== null && runway < alertDays) return 'raise';
  if (active && (runway === null || runway > alertDays * RUNWAY_CLEAR_RATIO)) return 'clear';
  return 'stay';
}
