import { formatLocalDay } from '../lib/time-zone.js';
import type { CurrentPods, RunningPod, StoragePod } from './cost-current.js';
import type { NetworkVolumeCharge } from './cost-network-volumes.js';
import { billingDiffers } from './cost-reconcile.js';
import type { Saving } from './cost-savings.js';
import type { CostSummary, CostTotals } from './cost-summary.js';
import type { ExposureFindings } from './digest-exposure.js';
import { forecastMonth, runwayDays } from './forecast.js';
import type { RepeatedKeeps } from './repeated-keeps.js';
import type { ServerlessReport } from './serverless.js';
import type { LongStoppedPod } from './stopped-nudge.js';

/** What the daily digest says, as plain values; digest-message.ts turns it into text. */
export type DigestModel = {
  timeZone: string;
  /** `Sun 29 Nov`: the day reported on (yesterday). */
  dayLabel: string;
  quiet: boolean;
  yesterday: CostTotals;
  dayBeforeUsd: number;
  /** RunPod's own figure for yesterday, only when it differs from podwarden's by more than 2 %. */
  runpodYesterdayUsd: number | null;
  monthToDateUsd: number;
  monthForecastUsd: number;
  spendPerHour: number;
  balanceUsd: number | null;
  /** See DigestSources.balanceUnavailable. */
  balanceUnavailable?: boolean;
  runwayDays: number | null;
  owners: DigestOwner[];
  topPods: DigestPod[];
  /** Pods podwarden stopped yesterday, with what each saved so far. */
  stoppedByPodwarden: Saving[];
  /** Saved yesterday by all of podwarden's stops in force then. */
  savedYesterdayUsd: number;
  storagePods: StoragePod[];
  runningNow: RunningPod[];
  /** False when podwarden has no fresh samples while RunPod reports spending: what runs is unknown. */
  currentKnown: boolean;
  /** Network volumes as they are now, charged over yesterday (included in `yesterday.storageUsd`). */
  networkVolumes?: NetworkVolumeCharge;
  /** Pods stopped longer than STOPPED_NUDGE_AFTER, with their storage per month. */
  longStopped?: { afterMs: number; pods: LongStoppedPod[] };
  /** Pods kept REPEATED_KEEPS_MIN times or more over KEEPS_LOOKBACK while they stayed idle, as of `asOf`. */
  repeatedKeeps?: { asOf: Date; pods: RepeatedKeeps[] };
  /** Serverless endpoints' billing yesterday and their always-on workers (not in `yesterday`). */
  serverless?: ServerlessReport;
  /** Mondays: pods open without a password or with plain-text credentials (names only). */
  exposure?: ExposureFindings;
};

export type DigestOwner = {
  ownerId: string | null;
  gpuHours: number;
  spendUsd: number;
  idleHours: number;
  idleUsd: number;
};

export type DigestPod = {
  podId: string;
  podName: string;
  ownerId: string | null;
  spendUsd: number;
  idleUsd: number;
};

export type DigestInput = {
  now: Date;
  timeZone: string;
  yesterday: CostSummary;
  dayBefore: CostSummary;
  monthToDate: CostSummary;
  /** Current spend rate (RunPod's, or the running pods' sum when RunPod gives none). */
  spendPerHour: number;
  balanceUsd: number | null;
  balanceUnavailable?: boolean;
  runpodYesterdayUsd: number | null;
  savings: readonly Saving[];
  current: CurrentPods;
  /** See DigestModel.currentKnown. */
  currentKnown: boolean;
  /** Already included in the summaries' totals. */
  networkVolumes?: NetworkVolumeCharge;
};

export const TOP_PODS = 5;

/** Below half a cent a day counts as nothing. */
const NOTHING_USD = 0.005;

export function buildDigestModel(input: DigestInput): DigestModel {
  const { yesterday, current } = input;
  const stoppedByPodwarden = input.savings
    .filter(
      (s) =>
        s.stoppedAt.getTime() >= yesterday.from.getTime() && s.stoppedAt.getTime() < yesterday.to.getTime(),
    )
    .sort((a, b) => b.savedUsd - a.savedUsd);
  const savedYesterdayUsd = input.savings.reduce((total, s) => total + s.savedInPeriodUsd, 0);
  const quiet =
    yesterday.totals.totalUsd < NOTHING_USD &&
    input.currentKnown &&
    current.running.length === 0 &&
    current.storage.length === 0 &&
    stoppedByPodwarden.length === 0;
  return {
    timeZone: input.timeZone,
    dayLabel: formatLocalDay(yesterday.from, input.timeZone),
    quiet,
    yesterday: yesterday.totals,
    dayBeforeUsd: input.dayBefore.totals.totalUsd,
    runpodYesterdayUsd:
      // RunPod's pod billing has no network volumes: compare the pods' part only.
      input.runpodYesterdayUsd !== null &&
      billingDiffers(yesterday.totals.totalUsd - (input.networkVolumes?.usd ?? 0), input.runpodYesterdayUsd)
        ? input.runpodYesterdayUsd
        : null,
    monthToDateUsd: input.monthToDate.totals.totalUsd,
    monthForecastUsd: forecastMonth(
      input.monthToDate.totals.totalUsd,
      input.spendPerHour,
      input.now,
      input.timeZone,
    ),
    spendPerHour: input.spendPerHour,
    balanceUsd: input.balanceUsd,
    ...(input.balanceUnavailable ? { balanceUnavailable: true } : {}),
    runwayDays: runwayDays(input.balanceUsd, input.spendPerHour),
    owners: yesterday.byOwner
      .filter((o) => o.totalUsd >= NOTHING_USD || o.runningSeconds > 0)
      .map((o) => ({
        ownerId: o.ownerId,
        gpuHours: o.gpuSeconds / 3600,
        spendUsd: o.totalUsd,
        idleHours: o.idleSeconds / 3600,
        idleUsd: o.idleUsd,
      })),
    topPods: yesterday.byPod
      .filter((p) => p.totalUsd >= NOTHING_USD)
      .slice(0, TOP_PODS)
      .map((p) => ({
        podId: p.podId,
        podName: p.podName,
        ownerId: p.ownerId,
        spendUsd: p.totalUsd,
        idleUsd: p.idleUsd,
      })),
    stoppedByPodwarden,
    savedYesterdayUsd,
    storagePods: current.storage,
    runningNow: current.running,
    currentKnown: input.currentKnown,
    ...(input.networkVolumes ? { networkVolumes: input.networkVolumes } : {}),
  };
}
