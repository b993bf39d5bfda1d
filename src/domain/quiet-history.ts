import { type IdleRule, isBusySample } from './idle-verdict.js';
import type { PodSample } from './samples.js';

/** How far back a pod's quiet stretches are read: a day of its rhythm (raw samples are kept 48 h). */
export const QUIET_HISTORY_MS = 24 * 3_600_000;
/** A shorter pause (a checkpoint, a page of docs) is not a quiet stretch the pod came back from. */
export const COMEBACK_MIN_MS = 15 * 60_000;
/** A longer one (a night, a weekend) says when its owner works, not how the pod itself behaves. */
export const COMEBACK_MAX_MS = 6 * 3_600_000;

/** A quiet stretch that ended with the pod busy again on its own, while it kept running. */
export type Comeback = { quietFrom: Date; backAt: Date };

/** What a pod's own samples say about its quiet stretches. */
export type QuietHistory = {
  /** Quiet stretches of COMEBACK_MIN_MS to COMEBACK_MAX_MS it came back from, oldest first. */
  comebacks: Comeback[];
  /** Start of the current quiet stretch; null when the newest sample is busy or not running. */
  quietSince: Date | null;
  /**
   * Share (0–1) of busy samples in the hour before the current quiet stretch; null when there is
   * no stretch or too few running samples before it (unknown).
   */
  busyShareBefore: number | null;
};

/** The hour before a quiet stretch that tells what the pod was doing. */
export const BEFORE_QUIET_MS = 60 * 60_000;
/** Fewer samples than this before the quiet stretch say nothing. */
export const MIN_SAMPLES_BEFORE = 10;

/**
 * The comebacks and current quiet stretch in one pod's samples (oldest first or not). A busy
 * sample ends a stretch, a stop breaks it (a pod stopped and started again did not come back on
 * its own); missing samples and samples without runtime data neither end nor break it.
 */
export function quietHistory(
  samples: readonly PodSample[],
  rule: Pick<IdleRule, 'gpuUtilMax' | 'cpuBusyPercent'>,
): QuietHistory {
  const sorted = [...samples].sort((a, b) => a.at.getTime() - b.at.getTime());
  const comebacks: Comeback[] = [];
  let quietFrom: Date | null = null;
  for (const sample of sorted) {
    if (sample.status !== 'RUNNING') {
      quietFrom = null;
    } else if (isBusySample(sample, rule)) {
      const quietMs = quietFrom === null ? 0 : sample.at.getTime() - quietFrom.getTime();
      if (quietFrom !== null && quietMs >= COMEBACK_MIN_MS && quietMs <= COMEBACK_MAX_MS) {
        comebacks.push({ quietFrom, backAt: sample.at });
      }
      quietFrom = null;
    } else if (quietFrom === null) {
      quietFrom = sample.at;
    }
  }
  const since = quietFrom;
  const before =
    since === null
      ? []
      : sorted.filter(
          (s) =>
            s.status === 'RUNNING' &&
            s.at.getTime() < since.getTime() &&
            s.at.getTime() >= since.getTime() - BEFORE_QUIET_MS,
        );
  const busyShareBefore =
    before.length < MIN_SAMPLES_BEFORE
      ? null
      : before.filter((s) => isBusySample(s, rule)).length / before.length;
  return { comebacks, quietSince: since, busyShareBefore };
}

export type ComebackPolicy = {
  /** From this many comebacks in the look-back on, the pod counts as one that comes back; null: off. */
  comebacksMin: number | null;
  /** Quiet before its owner is asked. */
  afterComebackMs: number;
};

/** Why a pod that comes back on its own is asked later: how often, and its longest comeback. */
export type ComebackWait = { waitMs: number; comebacks: number; longestMs: number };

/**
 * The wait before a prompt for a pod that has come back on its own from quiet stretches at least
 * `comebacksMin` times in the look-back (a server with stray requests, a pod its owner returns
 * to): its quiet usually ends by itself. Null when the rule is off or the history is too thin.
 */
export function comebackWait(
  history: QuietHistory,
  now: Date,
  policy: ComebackPolicy,
  lookBackMs: number = QUIET_HISTORY_MS,
): ComebackWait | null {
  if (policy.comebacksMin === null) return null;
  const from = now.getTime() - lookBackMs;
  const recent = history.comebacks.filter((c) => c.backAt.getTime() >= from);
  if (recent.length < policy.comebacksMin) return null;
  const longestMs = Math.max(...recent.map((c) => c.backAt.getTime() - c.quietFrom.getTime()));
  return { waitMs: policy.afterComebackMs, comebacks: recent.length, longestMs };
}
