import { budgetAlertText, runwayAlertText } from '../../domain/cost-alert-message.js';
import {
  type AlertMove,
  BUDGET_ALERT_KEY,
  budgetAlertMove,
  RUNWAY_ALERT_KEY,
  runwayAlertMove,
} from '../../domain/cost-alerts.js';
import { currentPods, effectiveSpendPerHour } from '../../domain/cost-current.js';
import { runwayDays } from '../../domain/forecast.js';
import type { ServiceDeps } from '../ports.js';
import { readAccount } from './account-figures.js';
import { deliverAlert, forgetPendingAlert, retryPendingAlert } from './alert-delivery.js';
import { recentSamples } from './load-pieces.js';

export type AlertReport = { posted: string[]; cleared: string[] };

/** Alerts go to every channel subscribed to the digest; without any, to IDLE_CHANNEL. */
export async function alertChannels(deps: Pick<ServiceDeps, 'store' | 'settings'>): Promise<string[]> {
  const channels = (await deps.store.listSubscriptions()).map((s) => s.channel);
  if (channels.length > 0) return channels;
  return deps.settings.idleChannel ? [deps.settings.idleChannel] : [];
}

/**
 * Compares the spend rate with BUDGET_PER_HOUR and the runway with RUNWAY_ALERT_DAYS. An alert is
 * posted once per crossing: the store's compare-and-set on the alert's state makes exactly one
 * caller (of several ticks or replicas) win the flip, and only the winner posts.
 */
export async function checkAlerts(deps: ServiceDeps): Promise<AlertReport> {
  const { budgetPerHour, runwayAlertDays } = deps.settings;
  const report: AlertReport = { posted: [], cleared: [] };
  if (budgetPerHour === null && runwayAlertDays === null) return report;
  const now = deps.clock.now();
  const [account, recent] = await Promise.all([readAccount(deps), recentSamples(deps)]);
  const current = currentPods(recent, now, deps.settings.pollIntervalMs);
  const spendPerHour = effectiveSpendPerHour(account.spendPerHour, current);

  const apply = async (
    key: string,
    move: AlertMove,
    raised: boolean,
    value: number | null,
    text: () => string,
  ) => {
    const channels = await alertChannels(deps);
    if (move === 'stay') {
      // Still raised: post it where it could not be posted at the crossing (once, when it can).
      if (raised) for (const channel of channels) await retryPendingAlert(deps, key, channel, text);
      return;
    }
    const active = move === 'raise';
    if (!(await deps.store.flipAlert(key, active, now, value))) return;
    if (!active) {
      report.cleared.push(key);
      deps.logger.info({ alert: key, value }, 'alert cleared');
      for (const channel of channels) await forgetPendingAlert(deps, key, channel);
      return;
    }
    report.posted.push(key);
    if (channels.length === 0) deps.logger.warn({ alert: key }, 'alert raised but no channel to post it to');
    for (const channel of channels) await deliverAlert(deps, key, channel, text(), now);
  };

  if (budgetPerHour !== null) {
    const state = await deps.store.getAlertState(BUDGET_ALERT_KEY);
    await apply(
      BUDGET_ALERT_KEY,
      budgetAlertMove(spendPerHour, budgetPerHour, state?.active ?? false),
      state?.active ?? false,
      spendPerHour,
      () => budgetAlertText(spendPerHour, budgetPerHour, current.running),
    );
  }
  if (runwayAlertDays !== null) {
    const runway = runwayDays(account.balanceUsd, spendPerHour);
    const state = await deps.store.getAlertState(RUNWAY_ALERT_KEY);
    // An unknown balance is no evidence either way: the alert neither rises nor clears.
    if (account.balanceUsd !== null) {
      const balance = account.balanceUsd;
      await apply(
        RUNWAY_ALERT_KEY,
        runwayAlertMove(runway, runwayAlertDays, state?.active ?? false),
        state?.active ?? false,
        runway,
        () => runwayAlertText(runway ?? 0, balance, spendPerHour, runwayAlertDays, current.running),
      );
    }
  }
  return report;
}
