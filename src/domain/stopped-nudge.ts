import { STOPPED_VOLUME_USD_PER_GB_MONTH, stoppedVolumeUsdPerSecond } from './cost-rates.js';
import type { HourlyAggregate, PodSample } from './samples.js';

/**
 * Stopped pods nobody remembers (PRODUCT: "forgetting to terminate"). A pod stopped longer than
 * STOPPED_NUDGE_AFTER gets one nudge per stopped stretch; "Keep 30 days" and "Remind me in 7 days"
 * allow exactly one more after their delay. RunPod reports no stop time, so the stretch's start
 * comes from podwarden's own samples.
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** "Keep 30 days": the owner wants the pod; asked again after this long. */
export const KEEP_STOPPED_MS = 30 * DAY_MS;
/** "Remind me in 7 days". */
export const REMIND_STOPPED_MS = 7 * DAY_MS;

export type StoppedChoice = 'keep_30d' | 'remind_7d';

export const STOPPED_CHOICE_MS: Record<StoppedChoice, number> = {
  keep_30d: KEEP_STOPPED_MS,
  remind_7d: REMIND_STOPPED_MS,
};

/** One stopped stretch of a pod, as the store keeps it. */
export type StoppedStretch = {
  podId: string;
  podName: string;
  /** When the stretch began, as far as podwarden can tell. */
  since: Date;
  /** False when podwarden never saw the pod run: it has been stopped at least since `since`. */
  sinceExact: boolean;
  /** When the latest nudge of this stretch was sent; null before the first. */
  nudgedAt: Date | null;
  /** After Keep 30 days / Remind me in 7 days: the next nudge is due then. */
  snoozedUntil: Date | null;
  snoozedBy: string | null;
};

/**
 * When the pod's current stopped stretch began: just after the last time podwarden saw it running
 * (raw samples, then hourly aggregates); without any such sighting, the earliest trace podwarden
 * has of the pod (stopped at least since then); without any trace, now.
 */
export function stoppedSince(
  podId: string,
  samples: readonly PodSample[],
  hourly: readonly HourlyAggregate[],
  now: Date,
): { since: Date; exact: boolean } {
  let lastRunning = Number.NEGATIVE_INFINITY;
  let earliest = Number.POSITIVE_INFINITY;
  for (const s of samples) {
    if (s.podId !== podId) continue;
    earliest = Math.min(earliest, s.at.getTime());
    if (s.status === 'RUNNING') lastRunning = Math.max(lastRunning, s.at.getTime());
  }
  for (const h of hourly) {
    if (h.podId !== podId) continue;
    earliest = Math.min(earliest, h.hour.getTime());
    if (h.runningSeconds > 0) lastRunning = Math.max(lastRunning, h.hour.getTime() + HOUR_MS);
  }
  const nowMs = now.getTime();
  if (Number.isFinite(lastRunning)) return { since: new Date(Math.min(lastRunning, nowMs)), exact: true };
  if (Number.isFinite(earliest)) return { since: new Date(Math.min(earliest, nowMs)), exact: false };
  return { since: now, exact: false };
}

/** Is a nudge due now: the first once the pod has been stopped `afterMs`, another after a snooze ends? */
export function nudgeDue(stretch: StoppedStretch, now: Date, afterMs: number): boolean {
  if (stretch.nudgedAt === null) return now.getTime() - stretch.since.getTime() >= afterMs;
  return stretch.snoozedUntil !== null && now.getTime() >= stretch.snoozedUntil.getTime();
}

export type StoppedStorage = { soFarUsd: number; perMonthUsd: number };

/** What the stopped pod's volume has cost since `since`, and costs per (30-day) month. */
export function stoppedStorage(volumeInGb: number | null, since: Date, now: Date): StoppedStorage {
  const seconds = Math.max(0, now.getTime() - since.getTime()) / 1000;
  const gb = volumeInGb !== null && volumeInGb > 0 ? volumeInGb : 0;
  return {
    soFarUsd: stoppedVolumeUsdPerSecond(gb) * seconds,
    perMonthUsd: gb * STOPPED_VOLUME_USD_PER_GB_MONTH,
  };
}

/** A pod stopped longer than STOPPED_NUDGE_AFTER, for the digest. */
export type LongStoppedPod = {
  podId: string;
  podName: string;
  ownerId: string | null;
  stoppedMs: number;
  sinceExact: boolean;
  volumeInGb: number;
  usdPerMonth: number;
};

/**
 * The pods stopped at least `afterMs` now: tracked stretches whose pod's latest sample (fresh ones
 * only) is still stopped. Most expensive first.
 */
export function longStoppedPods(
  stretches: readonly StoppedStretch[],
  latest: ReadonlyMap<string, PodSample>,
  now: Date,
  afterMs: number,
): LongStoppedPod[] {
  const pods: LongStoppedPod[] = [];
  for (const stretch of stretches) {
    const sample = latest.get(stretch.podId);
    if (!sample || sample.status === 'RUNNING' || sample.status === 'TERMINATED') continue;
    const stoppedMs = now.getTime() - stretch.since.getTime();
    if (stoppedMs < afterMs) continue;
    const volumeInGb = Math.max(0, sample.volumeInGb ?? 0);
    pods.push({
      podId: stretch.podId,
      podName: sample.podName,
      ownerId: sample.ownerId,
      stoppedMs,
      sinceExact: stretch.sinceExact,
      volumeInGb,
      usdPerMonth: stoppedStorage(volumeInGb, now, now).perMonthUsd,
    });
  }
  return pods.sort((a, b) => b.usdPerMonth - a.usdPerMonth || b.stoppedMs - a.stoppedMs);
}

/** The newest sample of each pod among `samples`. */
export function latestByPod(samples: readonly PodSample[]): Map<string, PodSample> {
  const latest = new Map<string, PodSample>();
  for (const sample of samples) {
    const seen = latest.get(sample.podId);
    if (!seen || sample.at.getTime() >= seen.at.getTime()) latest.set(sample.podId, sample);
  }
  return latest;
}
