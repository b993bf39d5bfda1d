import type { PodSample } from './samples.js';

/**
 * Warn before OOM: a running pod whose GPU memory (any GPU) or container memory stays at or above
 * MEMORY_WARN_PCT for MEMORY_WARN_WINDOW gets one warning per episode; nothing is stopped. An
 * episode ends when a fresh sample shows both below the threshold, or the pod no longer runs.
 */
export const MEMORY_WARN_WINDOW_MS = 10 * 60_000;

/** Which memory is full; GPU first when both are. */
export type MemoryKind = 'gpu' | 'container';

/** The fullest memory of a sample: the highest GPU memory, or container memory when that is higher. */
export function memoryPeak(sample: Pick<PodSample, 'gpuMem' | 'memoryPercent'>): number | null {
  const values = [...sample.gpuMem, ...(sample.memoryPercent === null ? [] : [sample.memoryPercent])];
  return values.length === 0 ? null : Math.max(...values);
}

export type MemoryVerdict =
  /** At or above the threshold for the whole window, up to a fresh sample. */
  | {
      kind: 'high';
      since: Date;
      which: MemoryKind;
      gpuPercent: number | null;
      containerPercent: number | null;
    }
  /** A fresh sample below the threshold, or the pod is not running: an episode is over. */
  | { kind: 'normal' }
  /** Above, but not long enough yet; or nothing fresh to judge by. */
  | { kind: 'pending' };

const isHigh = (sample: PodSample, pct: number): boolean => {
  const peak = sample.status === 'RUNNING' && sample.hasRuntime ? memoryPeak(sample) : null;
  return peak !== null && peak >= pct;
};

/**
 * The verdict from one pod's samples (oldest first). The high stretch runs back from the newest
 * sample over consecutive high samples, no two further apart than two poll intervals (a gap is not
 * evidence); it must span the window.
 */
export function memoryVerdict(
  samples: readonly PodSample[],
  now: Date,
  options: { pct: number; pollIntervalMs: number; windowMs?: number },
): MemoryVerdict {
  const latest = samples.at(-1);
  const maxGap = 2 * options.pollIntervalMs;
  if (!latest || now.getTime() - latest.at.getTime() > maxGap) return { kind: 'pending' };
  if (!isHigh(latest, options.pct)) return { kind: 'normal' };
  let since = latest.at;
  for (let i = samples.length - 2; i >= 0; i--) {
    const sample = samples[i];
    if (!sample || !isHigh(sample, options.pct) || since.getTime() - sample.at.getTime() > maxGap) break;
    since = sample.at;
  }
  if (latest.at.getTime() - since.getTime() < (options.windowMs ?? MEMORY_WARN_WINDOW_MS))
    return { kind: 'pending' };
  const gpuPercent = latest.gpuMem.length > 0 ? Math.max(...latest.gpuMem) : null;
  return {
    kind: 'high',
    since,
    which: gpuPercent !== null && gpuPercent >= options.pct ? 'gpu' : 'container',
    gpuPercent,
    containerPercent: latest.memoryPercent,
  };
}

/** The alert key of a pod's memory episode (one flip per episode in the store). */
export const memoryAlertKey = (podId: string): string => `memory-warn:${podId}`;
