import type { KeptSpan, PolicyId, PolicyRun, PromptTimes } from './policy-run.js';
import type { GroundTruth, PodLabels, Trace, TracePod } from './trace.js';

/** One line of `npm run replay` output (CONTRACT.md "Commands"). */
export type ReplayResult = {
  trace: string;
  policy: PolicyId;
  idleGpuHours: number;
  idleUsd: number;
  /** The part of `idleUsd` spent while a keep set by the owner was in force. */
  keptIdleUsd: number;
  wrongfulStops: number;
  prompts: number;
  /** Prompts after which the pod was busy again before the deadline, with no answer: noise. */
  falsePrompts: number;
  stops: number;
  medianMinutesIdleToStop: number | null;
};

const HOUR = 3_600_000;
/** A stop is wrongful when the pod is labelled busy within this long after it. */
export const WRONGFUL_WINDOW_MS = 60 * 60_000;

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** True when any of the pod's lines in (stop, stop + 60 min] is labelled busy. */
function wrongful(trace: Trace, labels: PodLabels, stopMs: number): boolean {
  for (let t = Math.floor(stopMs / trace.stepMs); t < trace.steps; t++) {
    const at = t * trace.stepMs;
    if (at <= stopMs) continue;
    if (at > stopMs + WRONGFUL_WINDOW_MS) break;
    if (labels[t] === 'busy') return true;
  }
  return false;
}

/**
 * Minutes from the first `idle` label of the stretch that the stop ended to the stop; null when
 * the pod's last line at or before the stop is not a running, idle one (no idle stretch to end).
 * Missing lines neither extend nor break a stretch.
 */
function minutesIdleToStop(trace: Trace, pod: TracePod, labels: PodLabels, stopMs: number): number | null {
  let stretchStart: number | null = null;
  for (let t = Math.min(trace.steps - 1, Math.floor(stopMs / trace.stepMs)); t >= 0; t--) {
    const sample = pod.samples[t];
    if (!sample) continue;
    if (sample.status !== 'RUNNING' || labels[t] !== 'idle') break;
    stretchStart = t;
  }
  return stretchStart === null ? null : (stopMs - stretchStart * trace.stepMs) / 60_000;
}

/**
 * A prompt that changed nothing: a line of the pod labelled busy after it and before its
 * deadline, with no answer by then.
 */
export function isFalsePrompt(trace: Trace, labels: PodLabels, prompt: PromptTimes): boolean {
  for (let t = Math.floor(prompt.atMs / trace.stepMs); t < trace.steps; t++) {
    const at = t * trace.stepMs;
    if (at <= prompt.atMs) continue;
    if (at >= prompt.deadlineMs) return false;
    if (labels[t] === 'busy') return prompt.answeredMs === null || prompt.answeredMs > at;
  }
  return false;
}

const keptAt = (spans: readonly KeptSpan[], atMs: number): boolean =>
  spans.some((span) => span.fromMs <= atMs && atMs < span.untilMs);

/**
 * Scores one policy's run of a trace (CONTRACT.md "Replay traces"). A step costs when its line is
 * RUNNING and the policy has not stopped the pod by then (a stop at time T frees the steps at or
 * after T); idle dollars and GPU-hours are those of the steps labelled idle.
 */
export function scoreRun(trace: Trace, truth: GroundTruth, run: PolicyRun): ReplayResult {
  const stepHours = trace.stepMs / HOUR;
  let idleUsd = 0;
  let keptIdleUsd = 0;
  let idleGpuHours = 0;
  let wrongfulStops = 0;
  let falsePrompts = 0;
  const toStop: number[] = [];

  for (const pod of trace.pods) {
    const labels = truth.get(pod.id) ?? [];
    const stopMs = run.stops.get(pod.id) ?? null;
    const keeps = (run.keeps ?? []).filter((span) => span.podId === pod.id);
    for (let t = 0; t < trace.steps; t++) {
      if (stopMs !== null && t * trace.stepMs >= stopMs) break;
      const sample = pod.samples[t];
      if (sample?.status !== 'RUNNING' || labels[t] !== 'idle') continue;
      idleUsd += sample.costPerHr * stepHours;
      if (keptAt(keeps, t * trace.stepMs)) keptIdleUsd += sample.costPerHr * stepHours;
      idleGpuHours += sample.gpus.length * stepHours;
    }
    for (const prompt of run.promptTimes ?? []) {
      if (prompt.podId === pod.id && isFalsePrompt(trace, labels, prompt)) falsePrompts++;
    }
    if (stopMs === null) continue;
    if (wrongful(trace, labels, stopMs)) wrongfulStops++;
    const minutes = minutesIdleToStop(trace, pod, labels, stopMs);
    if (minutes !== null) toStop.push(minutes);
  }

  const medianMinutes = median(toStop);
  return {
    trace: trace.name,
    policy: run.policy,
    idleGpuHours: round(idleGpuHours, 3),
    idleUsd: round(idleUsd, 2),
    keptIdleUsd: round(keptIdleUsd, 2),
    wrongfulStops,
    prompts: run.prompts,
    falsePrompts,
    stops: run.stops.size,
    medianMinutesIdleToStop: medianMinutes === null ? null : round(medianMinutes, 1),
  };
}
