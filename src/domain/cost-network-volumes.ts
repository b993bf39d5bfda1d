import { networkVolumeUsdPerMonth, SECONDS_PER_BILLING_MONTH } from './cost-rates.js';
import type { CostSummary, CostTotals } from './cost-summary.js';
import type { NetworkVolume } from './pod.js';

/**
 * Network volumes are billed whether or not a pod uses them. RunPod does not say when a volume was
 * created or deleted, so the volumes that exist now are charged over the whole period asked about
 * ("network volumes (as they are now)"): a volume created this morning is counted for all of last
 * week too.
 */
export type NetworkVolumeCharge = {
  count: number;
  sizeGb: number;
  /** USD over the period. */
  usd: number;
  usdPerDay: number;
};

const DAY_MS = 86_400_000;

/** USD the given volumes cost over [fromMs, toMs), each at the monthly rate of its own size. */
export function networkVolumeUsd(volumes: readonly NetworkVolume[], fromMs: number, toMs: number): number {
  const seconds = Math.max(0, toMs - fromMs) / 1000;
  const perMonth = volumes.reduce((total, v) => total + networkVolumeUsdPerMonth(v.sizeGb), 0);
  return (perMonth * seconds) / SECONDS_PER_BILLING_MONTH;
}

/** The charge over [fromMs, toMs); null when there are no volumes (nothing to say). */
export function networkVolumeCharge(
  volumes: readonly NetworkVolume[] | null,
  fromMs: number,
  toMs: number,
): NetworkVolumeCharge | null {
  if (volumes === null || volumes.length === 0) return null;
  return {
    count: volumes.length,
    sizeGb: volumes.reduce((total, v) => total + Math.max(0, v.sizeGb), 0),
    usd: networkVolumeUsd(volumes, fromMs, toMs),
    usdPerDay: networkVolumeUsd(volumes, 0, DAY_MS),
  };
}

/** Totals with `usd` of network volumes added to storage and to the total. */
export const withNetworkVolumeTotals = (totals: CostTotals, usd: number): CostTotals =>
  usd === 0 ? totals : { ...totals, storageUsd: totals.storageUsd + usd, totalUsd: totals.totalUsd + usd };

/** A summary whose totals include the volumes over the summary's own period (owners and pods unchanged). */
export function withNetworkVolumes(
  summary: CostSummary,
  volumes: readonly NetworkVolume[] | null,
): CostSummary {
  if (volumes === null || volumes.length === 0) return summary;
  const usd = networkVolumeUsd(volumes, summary.from.getTime(), summary.to.getTime());
  return { ...summary, totals: withNetworkVolumeTotals(summary.totals, usd) };
}
