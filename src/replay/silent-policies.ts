import type { PolicyRun } from './policy-run.js';
import type { Trace, TraceSample } from './trace.js';

/** A stopper that asks nobody: every GPU (and optionally the CPU) at or below a bound for a while. */
export type SilentRule = { gpuMax: number; cpuMax: number | null; forMs: number };

const MINUTE = 60_000;

/** RunPod's own idle monitor: every GPU and the CPU at or below 1 % for 60 minutes. */
export const RUNPOD_MONITOR_RULE: SilentRule = { gpuMax: 1, cpuMax: 1, forMs: 60 * MINUTE };
/** The usual autostop script: every GPU at or below 5 % for 30 minutes. */
export const SILENT_30M_RULE: SilentRule = { gpuMax: 5, cpuMax: null, forMs: 30 * MINUTE };

function quiet(sample: TraceSample | undefined, rule: SilentRule): boolean {
  if (sample?.status !== 'RUNNING' || sample.gpus.length === 0) return false;
  if (!sample.gpus.every((util) => util <= rule.gpuMax)) return false;
  return rule.cpuMax === null || (sample.cpu !== null && sample.cpu <= rule.cpuMax);
}

/**
 * The first step at which the pod has been quiet for `forMs` (from the first quiet sample of the
 * run to this one), as ms after the trace start; null when never. A missing or stopped sample
 * breaks the run: like podwarden, these stoppers do not act on data they do not have.
 */
export function silentStopAt(
  samples: readonly (TraceSample | undefined)[],
  stepMs: number,
  rule: SilentRule,
): number | null {
  let runStart: number | null = null;
  for (let t = 0; t < samples.length; t++) {
    if (!quiet(samples[t], rule)) {
      runStart = null;
      continue;
    }
    runStart ??= t;
    if ((t - runStart) * stepMs >= rule.forMs) return t * stepMs;
  }
  return null;
}

export function runSilentPolicy(trace: Trace, policy: 'runpod-monitor' | 'silent-30m'): PolicyRun {
  const rule = policy === 'runpod-monitor' ? RUNPOD_MONITOR_RULE : SILENT_30M_RULE;
  const stops = new Map<string, number>();
  for (const pod of trace.pods) {
    const at = silentStopAt(pod.samples, trace.stepMs, rule);
    if (at !== null) stops.set(pod.id, at);
  }
  return { policy, stops, prompts: 0 };
}

export const runNonePolicy = (): PolicyRun => ({ policy: 'none', stops: new Map(), prompts: 0 });
