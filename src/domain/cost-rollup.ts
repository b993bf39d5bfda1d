import {
  type CostPiece,
  hourStartMs,
  integrateSamples,
  type LedgerOptions,
  podHourKey,
  splitAtHours,
} from './cost-ledger.js';
import type { HourlyAggregate, PodSample } from './samples.js';

/** Raw samples are kept this long, then folded into hourly aggregates. */
export const RAW_SAMPLE_RETENTION_MS = 48 * 3_600_000;

export type RollupPlan = {
  aggregates: HourlyAggregate[];
  /**
   * Raw samples before this instant may be deleted: they are kept 48 hours even where folded, and
   * from two poll intervals before the first hour left raw, so the samples whose time runs into
   * that hour survive the fold.
   */
  deleteBefore: Date;
  /** Hours before this instant are folded. */
  foldedBefore: Date;
};

/**
 * The hour before which a fold at `now` aggregates: the last complete hour, whose samples have all
 * come in (the first sample after its end, up to two poll intervals late, included).
 */
export const completeHoursBefore = (now: Date, pollIntervalMs: number): Date =>
  new Date(hourStartMs(now.getTime() - 2 * pollIntervalMs));

/**
 * Plans a fold: every pod-hour older than the retention that has no aggregate yet becomes one
 * aggregate, built from the same pieces a live query uses, so folding does not change a total.
 * The owner of an aggregate is the one who held the pod longest in that hour.
 */
export function planRollup(
  samples: readonly PodSample[],
  alreadyFolded: ReadonlySet<string>,
  options: LedgerOptions,
  foldBefore: Date = new Date(hourStartMs(options.now.getTime() - RAW_SAMPLE_RETENTION_MS)),
): RollupPlan {
  const foldedBeforeMs = hourStartMs(foldBefore.getTime());
  const keepRawFromMs = Math.min(
    foldedBeforeMs,
    hourStartMs(options.now.getTime() - RAW_SAMPLE_RETENTION_MS),
  );
  const groups = new Map<string, CostPiece[]>();
  for (const piece of splitAtHours(integrateSamples(samples, options))) {
    const hour = hourStartMs(piece.startMs);
    if (hour >= foldedBeforeMs) continue;
    const key = podHourKey(piece.podId, hour);
    if (alreadyFolded.has(key)) continue;
    const group = groups.get(key);
    if (group) group.push(piece);
    else groups.set(key, [piece]);
  }
  const counts = new Map<string, number>();
  for (const sample of samples) {
    const key = podHourKey(sample.podId, hourStartMs(sample.at.getTime()));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const aggregates = [...groups.entries()].map(([key, pieces]) =>
    aggregateHour(pieces, counts.get(key) ?? 0),
  );
  return {
    aggregates,
    foldedBefore: new Date(foldedBeforeMs),
    deleteBefore: new Date(keepRawFromMs - 2 * options.pollIntervalMs),
  };
}

function aggregateHour(pieces: readonly CostPiece[], samples: number): HourlyAggregate {
  const first = pieces[0];
  if (!first) throw new Error('aggregateHour: no pieces');
  const heldMs = new Map<string | null, number>();
  let latest = first;
  const sum = (key: keyof CostPiece & `${string}${'Seconds' | 'Usd'}`) =>
    pieces.reduce((total, piece) => total + piece[key], 0);
  let maxGpuUtil: number | null = null;
  for (const piece of pieces) {
    heldMs.set(piece.ownerId, (heldMs.get(piece.ownerId) ?? 0) + piece.endMs - piece.startMs);
    if (piece.startMs >= latest.startMs) latest = piece;
    if (piece.maxGpuUtil !== null) maxGpuUtil = Math.max(maxGpuUtil ?? 0, piece.maxGpuUtil);
  }
  const ownerId = [...heldMs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const utilKnown = sum('utilKnownSeconds');
  return {
    podId: first.podId,
    podName: latest.podName,
    hour: new Date(hourStartMs(first.startMs)),
    ownerId,
    runningSeconds: sum('runningSeconds'),
    idleSeconds: sum('idleSeconds'),
    busySeconds: sum('busySeconds'),
    unknownSeconds: sum('unknownSeconds'),
    costUsd: sum('computeUsd'),
    idleUsd: sum('idleUsd'),
    busyUsd: sum('busyUsd'),
    storageUsd: sum('storageUsd'),
    gpuSeconds: sum('gpuSeconds'),
    meanGpuUtil: utilKnown > 0 ? sum('utilSeconds') / utilKnown : null,
    maxGpuUtil,
    samples,
  };
}
