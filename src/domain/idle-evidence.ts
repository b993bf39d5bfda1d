import { formatDuration } from '../lib/duration.js';
import type { IdleRule } from './idle-verdict.js';
import type { PodSample } from './samples.js';

/** What an idle prompt shows and an idle stop records: why podwarden thinks the pod is idle. */
export type IdleEvidence = {
  rule: { gpuUtilMax: number; windowMs: number; warmupMs: number };
  /** Highest GPU utilization of each sample in the window, oldest first (percent). */
  gpuUtil: number[];
  /** Highest GPU memory use in the newest sample (percent), when known. */
  gpuMemPercent: number | null;
  cpuPercent: number | null;
  memoryPercent: number | null;
  uptimeMs: number;
  gpuCount: number;
  costPerHr: number;
  /** Start of the current idle stretch, ISO. */
  idleSince: string;
  idleMs: number;
  /** costPerHr × idle time: what the current idle stretch has cost. */
  idleUsd: number;
  samples: number;
  windowFrom: string;
  windowTo: string;
};

const maxOf = (values: readonly number[]): number | null => (values.length > 0 ? Math.max(...values) : null);

export const idleCostUsd = (costPerHr: number, idleMs: number): number =>
  Math.round(costPerHr * (idleMs / 3_600_000) * 100) / 100;

/** Builds the evidence from an idle verdict's window. */
export function buildIdleEvidence(input: {
  window: readonly PodSample[];
  idleSince: Date;
  uptimeMs: number;
  now: Date;
  rule: IdleRule;
}): IdleEvidence {
  const { window, now, rule } = input;
  const latest = window.at(-1);
  const idleMs = Math.max(0, now.getTime() - input.idleSince.getTime());
  const costPerHr = latest?.costPerHr ?? 0;
  return {
    rule: { gpuUtilMax: rule.gpuUtilMax, windowMs: rule.windowMs, warmupMs: rule.warmupMs },
    gpuUtil: window.map((s) => maxOf(s.gpuUtil) ?? 0),
    gpuMemPercent: latest ? maxOf(latest.gpuMem) : null,
    cpuPercent: latest?.cpuPercent ?? null,
    memoryPercent: latest?.memoryPercent ?? null,
    uptimeMs: input.uptimeMs,
    gpuCount: latest?.gpuCount ?? 0,
    costPerHr,
    idleSince: input.idleSince.toISOString(),
    idleMs,
    idleUsd: idleCostUsd(costPerHr, idleMs),
    samples: window.length,
    windowFrom: (window[0]?.at ?? now).toISOString(),
    windowTo: (latest?.at ?? now).toISOString(),
  };
}

/** The rule that fired, in words: `every GPU ≤ 5 % for 30 min`. */
export const describeIdleRule = (rule: IdleEvidence['rule']): string =>
  `every GPU ≤ ${rule.gpuUtilMax} % for ${formatDuration(rule.windowMs)}`;
