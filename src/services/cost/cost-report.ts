import { currentPods, effectiveSpendPerHour, runningSpendPerHour } from '../../domain/cost-current.js';
import {
  type NetworkVolumeCharge,
  networkVolumeCharge,
  withNetworkVolumes,
} from '../../domain/cost-network-volumes.js';
import { type CostPeriodName, costRange } from '../../domain/cost-period.js';
import { billedInRange, billingDiffers } from '../../domain/cost-reconcile.js';
import { savingsOf } from '../../domain/cost-savings.js';
import { type CostSummary, summarizeCost } from '../../domain/cost-summary.js';
import { forecastMonth, runwayDays } from '../../domain/forecast.js';
import type { ServerlessReport } from '../../domain/serverless.js';
import { isValidTimeZone, startOfLocalDay, startOfLocalMonth } from '../../lib/time-zone.js';
import type { ServiceDeps } from '../ports.js';
import { readAccount, readBilling, readNetworkVolumes } from './account-figures.js';
import { loadPieces, recentSamples } from './load-pieces.js';
import { readServerless } from './serverless-figures.js';

export type CostReport = {
  period: CostPeriodName;
  /** `yesterday (Mon 9 Nov)`. */
  label: string;
  timeZone: string;
  /** Only this person's spend (owner at the time), or everyone's. */
  userId: string | null;
  summary: CostSummary;
  /** What podwarden's stops saved inside the period (of this person's pods, when filtered). */
  savedUsd: number;
  /** Spend rate now: RunPod's for the team; the person's running pods when filtered. */
  spendPerHour: number | null;
  balanceUsd: number | null;
  /** RunPod's GraphQL API (the only one with the balance) is gone or unreachable. */
  balanceUnavailable?: boolean;
  runwayDays: number | null;
  /** For `month`: month to date and the forecast at the current rate. */
  forecastUsd: number | null;
  /**
   * RunPod's billed figure next to podwarden's, over the period's complete days only (RunPod's
   * billing of the running day lags), and only when they differ by more than 2 %.
   */
  reconciliation: { runpodUsd: number; podwardenUsd: number; through: Date } | null;
  /**
   * Network volumes as they are now, charged over the period and included in `summary.totals`
   * (storage and total); team reports only (a volume has no owner). Null when none or unknown.
   */
  networkVolumes?: NetworkVolumeCharge | null;
  /**
   * Serverless endpoints' billing over the period (not in `summary`), team reports only; null when
   * the gateway cannot read serverless.
   */
  serverless?: ServerlessReport | null;
};

export type CostQuery = { askerId: string; period: CostPeriodName; userId: string | null };

/** The asker's zone from Slack, else DIGEST_TZ: days begin at the asker's midnight. */
export async function askerTimeZone(
  deps: Pick<ServiceDeps, 'notifier' | 'settings' | 'logger'>,
  userId: string,
) {
  try {
    const zone = await deps.notifier.userTimeZone(userId);
    if (zone && isValidTimeZone(zone)) return zone;
  } catch (error) {
    deps.logger.warn({ user: userId, err: error }, 'could not read the user time zone; using DIGEST_TZ');
  }
  return deps.settings.digestTz;
}

export async function costReport(deps: ServiceDeps, query: CostQuery): Promise<CostReport> {
  const now = deps.clock.now();
  const timeZone = await askerTimeZone(deps, query.askerId);
  const range = costRange(query.period, now, timeZone);
  const filter = query.userId === null ? {} : { ownerId: query.userId };
  const pieces = await loadPieces(deps, range.from, range.to);

  const [account, recent, savingRecords, volumes, serverless] = await Promise.all([
    readAccount(deps),
    recentSamples(deps),
    deps.store.listSavings(range.from, range.to),
    query.userId === null ? readNetworkVolumes(deps) : Promise.resolve(null),
    query.userId === null ? readServerless(deps, range.from, range.to) : Promise.resolve(null),
  ]);
  const summary = withNetworkVolumes(summarizeCost(pieces, range.from, range.to, filter), volumes);
  const networkVolumes = networkVolumeCharge(volumes, range.from.getTime(), range.to.getTime());
  const current = currentPods(
    query.userId === null ? recent : recent.filter((s) => s.ownerId === query.userId),
    now,
    deps.settings.pollIntervalMs,
  );
  const spendPerHour =
    query.userId === null
      ? effectiveSpendPerHour(account.spendPerHour, current)
      : runningSpendPerHour(current);
  const savedUsd = savingsOf(
    query.userId === null ? savingRecords : savingRecords.filter((s) => s.ownerId === query.userId),
    range.from,
    range.to,
    now,
  ).reduce((total, s) => total + s.savedInPeriodUsd, 0);

  let forecastUsd: number | null = null;
  if (query.period === 'month') {
    const monthToDate = withNetworkVolumes(
      summarizeCost(pieces, startOfLocalMonth(now, timeZone), now, filter),
      volumes,
    ).totals.totalUsd;
    forecastUsd = forecastMonth(monthToDate, spendPerHour, now, timeZone);
  }

  let reconciliation: CostReport['reconciliation'] = null;
  const through = new Date(Math.min(range.to.getTime(), startOfLocalDay(now, timeZone).getTime()));
  if (query.userId === null && through.getTime() > range.from.getTime()) {
    const billing = await readBilling(deps, range.from, through);
    if (billing !== null) {
      const runpodUsd = billedInRange(billing, range.from, through);
      const podwardenUsd = summarizeCost(pieces, range.from, through).totals.totalUsd;
      if (billingDiffers(podwardenUsd, runpodUsd)) reconciliation = { runpodUsd, podwardenUsd, through };
    }
  }

  return {
    period: query.period,
    label: range.label,
    timeZone,
    userId: query.userId,
    summary,
    savedUsd,
    spendPerHour,
    balanceUsd: account.balanceUsd,
    ...(account.balanceUnavailable ? { balanceUnavailable: true } : {}),
    runwayDays: query.userId === null ? runwayDays(account.balanceUsd, spendPerHour) : null,
    forecastUsd,
    reconciliation,
    networkVolumes,
    serverless,
  };
}
