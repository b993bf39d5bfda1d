import { formatDuration } from '../lib/duration.js';
import type { IdleRule } from './idle-verdict.js';
import type { PodSample } from './samples.js';

/** What an idle prompt shows and an idle stop records: why podwarden thinks the pod is idle. */
export type IdleEvidence = {
  rule: { gpuUtilMax: number; windowMs: number; warmupMs: number; cpuBusyPercent?: number | null };
  /** Which timing rule fired and the grace it gave; absent in evidence recorded before it existed. */
  timing?: EvidenceTiming;
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

export type EvidenceTiming = {
  kind: 'work_hours' | 'after_job' | 'off_hours' | 'sporadic' | 'comeback';
  graceMs: number;
  /** `09:00–18:00`, the working hours in the zone they were read in; null when none are set. */
  workHours: string | null;
  /** Kind `comeback`: how often the pod came back on its own from quiet in the last day. */
  comebacks?: number;
  /** Kind `comeback`: the longest of those quiet stretches. */
  longestComebackMs?: number;
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
  timing?: EvidenceTiming;
}): IdleEvidence {
  const { window, now, rule } = input;
  const latest = window.at(-1);
  const idleMs = Math.max(0, now.getTime() - input.idleSince.getTime());
  const costPerHr = latest?.costPerHr ?? 0;
  return {
    rule: {
      gpuUtilMax: rule.gpuUtilMax,
      windowMs: rule.windowMs,
      warmupMs: rule.warmupMs,
      cpuBusyPercent: rule.cpuBusyPercent ?? null,
    },
    ...(input.timing ? { timing: input.timing } : {}),
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

/** The rule that fired, in words: `every GPU ≤ 5 % and CPU ≤ 30 % for 30 min`. */
export const describeIdleRule = (rule: IdleEvidence['rule']): string => {
  const cpu =
    rule.cpuBusyPercent === undefined || rule.cpuBusyPercent === null
      ? ''
      : ` and CPU ≤ ${rule.cpuBusyPercent} %`;
  return `every GPU ≤ ${rule.gpuUtilMax} %${cpu} for ${formatDuration(rule.windowMs)}`;
};

/**
 * Why the owner is asked now and how long they have, in one line: `idle 1 h 32 min during your
 * working hours (09:00–18:00): you get 30 min before the stop`. `whose` is `your` for the owner.
 */
export function describeIdleDecision(
  evidence: Pick<IdleEvidence, 'idleMs' | 'rule' | 'timing'>,
  options: { whose: 'your' | "the owner's" | 'team'; stops: boolean },
): string {
  const idle = `idle ${formatDuration(Math.max(60_000, Math.floor(evidence.idleMs / 60_000) * 60_000))}`;
  const timing = evidence.timing;
  if (!timing) return `${idle} (${describeIdleRule(evidence.rule)})`;
  const whose = options.whose === 'team' ? '' : `${options.whose} `;
  const hours = timing.workHours === null ? '' : ` (${timing.workHours})`;
  const when =
    timing.kind === 'after_job'
      ? ' after a steady job ended'
      : timing.kind === 'sporadic'
        ? ', and it wakes up only now and then'
        : timing.kind === 'comeback'
          ? `, and it came back on its own from quiet ${timing.comebacks ?? 0} times in the last day (longest ${formatDuration(timing.longestComebackMs ?? 0)})`
          : timing.workHours === null
            ? ''
            : timing.kind === 'work_hours'
              ? ` during ${whose}working hours${hours}`
              : ` outside ${whose}working hours${hours}`;
  const end = options.stops ? 'before the stop' : 'to answer';
  return `${idle}${when}: you get ${formatDuration(timing.graceMs)} ${end}`;
}
