import type { PodSample } from './samples.js';
import type { Settings } from './settings.js';

/** The thresholds of the idle rule, from the settings. */
export type IdleRule = {
  /** Percent; a GPU at or below it counts as idle. */
  gpuUtilMax: number;
  /** Every sample of this window must be idle. */
  windowMs: number;
  /** No verdict while the pod has run for less than this. */
  warmupMs: number;
  /** A gap longer than two poll intervals means samples are missing. */
  pollIntervalMs: number;
  /**
   * Percent; a sample whose CPU is above it is busy whatever its GPUs show (data loading, a
   * checkpoint write). Absent or null: the GPUs decide alone. A sample without CPU data is judged
   * by its GPUs.
   */
  cpuBusyPercent?: number | null;
};

export const idleRuleFrom = (settings: Settings): IdleRule => ({
  gpuUtilMax: settings.idleGpuUtil,
  windowMs: settings.idleAfterMs,
  warmupMs: settings.idleWarmupMs,
  pollIntervalMs: settings.pollIntervalMs,
  cpuBusyPercent: settings.idleCpuBusy,
});

type SampleRule = Pick<IdleRule, 'gpuUtilMax' | 'cpuBusyPercent'>;

/** The CPU is working: above the rule's bound, when both are known. */
const cpuWorking = (sample: PodSample, rule: SampleRule): boolean =>
  rule.cpuBusyPercent !== undefined &&
  rule.cpuBusyPercent !== null &&
  sample.cpuPercent !== null &&
  sample.cpuPercent > rule.cpuBusyPercent;

export type NotIdleReason =
  | 'no_samples' // nothing recent: missing or stale data counts as busy
  | 'not_running'
  | 'no_gpus' // 0-GPU pods never idle
  | 'gap' // the samples do not cover the window
  | 'no_runtime' // RunPod reported no utilization in some sample
  | 'busy' // some GPU above the threshold in some sample of the window
  | 'warmup' // too soon after start
  | 'comes_back'; // quiet, but its own history says such quiet ends by itself (idle-timing.ts)

export type IdleVerdict =
  | {
      idle: true;
      /** Start of the current idle stretch as far as the given samples reach back. */
      idleSince: Date;
      /** The samples of the window, oldest first. */
      window: PodSample[];
      uptimeMs: number;
    }
  | { idle: false; reason: NotIdleReason };

export type IdleVerdictInput = {
  /** This pod's recent samples, any order; at least the window plus two poll intervals. */
  samples: readonly PodSample[];
  now: Date;
  /** When podwarden first saw the current RUNNING stretch; fallback for the uptime. */
  runningSince: Date | null;
  rule: IdleRule;
};

/**
 * A sample in which every GPU was at or below the threshold, with every GPU's utilization known,
 * and the CPU not working.
 */
export function isIdleSample(sample: PodSample, rule: SampleRule): boolean {
  return (
    sample.status === 'RUNNING' &&
    sample.hasRuntime &&
    sample.gpuCount > 0 &&
    sample.gpuUtil.length >= sample.gpuCount &&
    sample.gpuUtil.every((util) => util <= rule.gpuUtilMax) &&
    !cpuWorking(sample, rule)
  );
}

/** A sample that proves activity: running, and some GPU above the threshold or the CPU working. */
export function isBusySample(sample: PodSample, rule: SampleRule): boolean {
  return (
    sample.status === 'RUNNING' &&
    (sample.gpuUtil.some((util) => util > rule.gpuUtilMax) || cpuWorking(sample, rule))
  );
}

/**
 * Is the pod idle now? Every GPU at or below the threshold in every sample of the window, the
 * samples covering the window without gaps, and the pod past its warm-up. Anything unknown is busy.
 */
export function idleVerdict(input: IdleVerdictInput): IdleVerdict {
  const { now, rule } = input;
  const maxGap = 2 * rule.pollIntervalMs;
  const sorted = [...input.samples]
    .filter((s) => s.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = sorted.at(-1);
  if (!latest || now.getTime() - latest.at.getTime() > maxGap) return { idle: false, reason: 'no_samples' };
  if (latest.status !== 'RUNNING') return { idle: false, reason: 'not_running' };
  if (latest.gpuCount <= 0) return { idle: false, reason: 'no_gpus' };

  // The window is covered from its start: the newest sample at or before the window's start (it
  // tells the state at that moment) belongs to the window, so an idle stretch is never judged on
  // less than the whole window.
  const windowStart = now.getTime() - rule.windowMs;
  const anchor = sorted.findLast((s) => s.at.getTime() <= windowStart);
  if (!anchor) return { idle: false, reason: 'gap' };
  const window = sorted.filter((s) => s.at.getTime() >= anchor.at.getTime());
  let previous = anchor.at.getTime();
  for (const sample of window) {
    if (sample.at.getTime() - previous > maxGap) return { idle: false, reason: 'gap' };
    previous = sample.at.getTime();
  }
  if (window.some((s) => s.status !== 'RUNNING' || !s.hasRuntime || s.gpuUtil.length < s.gpuCount)) {
    return { idle: false, reason: 'no_runtime' };
  }
  if (window.some((s) => !isIdleSample(s, rule))) return { idle: false, reason: 'busy' };

  const uptimeMs =
    latest.uptimeSeconds !== null
      ? latest.uptimeSeconds * 1000
      : input.runningSince
        ? now.getTime() - input.runningSince.getTime()
        : null;
  if (uptimeMs === null || uptimeMs <= rule.warmupMs) return { idle: false, reason: 'warmup' };

  return { idle: true, idleSince: idleStretchStart(sorted, rule), window, uptimeMs };
}

/**
 * The first sample of the unbroken run of idle samples that ends with the newest one (a gap longer
 * than two poll intervals breaks the run).
 */
export function idleStretchStart(sortedSamples: readonly PodSample[], rule: IdleRule): Date {
  let start: PodSample | undefined;
  for (let i = sortedSamples.length - 1; i >= 0; i--) {
    const sample = sortedSamples[i];
    if (!sample || !isIdleSample(sample, rule)) break;
    if (start && start.at.getTime() - sample.at.getTime() > 2 * rule.pollIntervalMs) break;
    start = sample;
  }
  return start ? start.at : new Date(0);
}

/** At a deadline, missing samples hold the stop only until the pod has shown this much idle again. */
export const DEADLINE_RECHECK_MS = 5 * 60_000;

/**
 * The verdict at a prompt's deadline. The prompt was sent on a full window of idle samples and
 * any busy sample since has ended it; samples missing since (an API outage, a poll without
 * runtime data) are no sign of work, so once they are DEADLINE_RECHECK_MS behind and every sample
 * since is idle, the pod is idle — not only after a whole new window.
 */
export function deadlineVerdict(input: IdleVerdictInput): IdleVerdict {
  const full = idleVerdict(input);
  if (full.idle || (full.reason !== 'gap' && full.reason !== 'no_runtime')) return full;
  // A pod seen stopped in the window was started again: that is no missing sample.
  const from = input.now.getTime() - input.rule.windowMs;
  if (input.samples.some((s) => s.at.getTime() >= from && s.status !== 'RUNNING')) return full;
  return idleVerdict({
    ...input,
    rule: { ...input.rule, windowMs: Math.min(input.rule.windowMs, DEADLINE_RECHECK_MS) },
  });
}
