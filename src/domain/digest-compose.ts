import { addLocalDays, startOfLocalDay, startOfLocalMonth } from '../lib/time-zone.js';
import { currentPods, effectiveSpendPerHour } from './cost-current.js';
import type { CostPiece } from './cost-ledger.js';
import { networkVolumeCharge, withNetworkVolumes } from './cost-network-volumes.js';
import { savingsOf } from './cost-savings.js';
import { summarizeCost } from './cost-summary.js';
import { buildDigestModel, type DigestModel } from './digest-model.js';
import type { SavingRecord } from './digest-subscription.js';
import type { NetworkVolume } from './pod.js';
import type { PodSample } from './samples.js';

/** The instants a digest at `now` reads: from the earlier of the day before yesterday and the month start. */
export function digestWindow(now: Date, timeZone: string): { from: Date; to: Date } {
  const dayBefore = addLocalDays(now, -2, timeZone);
  const month = startOfLocalMonth(now, timeZone);
  return { from: dayBefore.getTime() < month.getTime() ? dayBefore : month, to: now };
}

export type DigestSources = {
  now: Date;
  timeZone: string;
  pollIntervalMs: number;
  /** Pieces covering at least digestWindow(now, timeZone). */
  pieces: readonly CostPiece[];
  /** Samples of the last few poll intervals, for what runs now. */
  recentSamples: readonly PodSample[];
  savings: readonly SavingRecord[];
  /** RunPod's figures; null when unknown. */
  balanceUsd: number | null;
  /** RunPod's GraphQL API (the only one with the balance) is gone: say so instead of "unknown". */
  balanceUnavailable?: boolean;
  spendPerHour: number | null;
  runpodYesterdayUsd: number | null;
  /** The account's network volumes now; null or absent when unknown (nothing is charged or said). */
  networkVolumes?: readonly NetworkVolume[] | null;
};

/** Everything the digest says, from the ledger and RunPod's account figures. Pure. */
export function composeDigest(sources: DigestSources): DigestModel {
  const { now, timeZone, pieces } = sources;
  const today = startOfLocalDay(now, timeZone);
  const yesterdayFrom = addLocalDays(now, -1, timeZone);
  const dayBeforeFrom = addLocalDays(now, -2, timeZone);
  const volumes = sources.networkVolumes ?? null;
  const yesterday = withNetworkVolumes(summarizeCost(pieces, yesterdayFrom, today), volumes);
  const networkVolumes = networkVolumeCharge(volumes, yesterdayFrom.getTime(), today.getTime());
  const current = currentPods(sources.recentSamples, now, sources.pollIntervalMs);
  return buildDigestModel({
    now,
    timeZone,
    yesterday,
    dayBefore: withNetworkVolumes(summarizeCost(pieces, dayBeforeFrom, yesterdayFrom), volumes),
    monthToDate: withNetworkVolumes(summarizeCost(pieces, startOfLocalMonth(now, timeZone), now), volumes),
    spendPerHour: effectiveSpendPerHour(sources.spendPerHour, current),
    balanceUsd: sources.balanceUsd,
    ...(sources.balanceUnavailable ? { balanceUnavailable: true } : {}),
    runpodYesterdayUsd: sources.runpodYesterdayUsd,
    savings: savingsOf(sources.savings, yesterdayFrom, today, now),
    current,
    // No fresh sample is evidence of nothing running only when RunPod itself says nothing spends.
    currentKnown: sources.recentSamples.length > 0 || sources.spendPerHour === 0,
    ...(networkVolumes ? { networkVolumes } : {}),
  });
}
