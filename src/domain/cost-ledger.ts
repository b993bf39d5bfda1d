import { stoppedVolumeUsdPerSecond } from './cost-rates.js';
import type { HourlyAggregate, HourlySum, PodSample } from './samples.js';

/**
 * A stretch of one pod's time with constant state, and what it cost. Raw samples become pieces
 * (sample-and-hold: each sample speaks for the time until the next one), hourly aggregates become
 * one piece per pod and hour. Every amount scales linearly with the piece's length, so a piece
 * cut at a day boundary keeps exactly its share.
 */
export type CostPiece = {
  podId: string;
  podName: string;
  ownerId: string | null;
  startMs: number;
  endMs: number;
  runningSeconds: number;
  idleSeconds: number;
  busySeconds: number;
  /** Time a running pod was not observed (podwarden down, polls lost): neither counted nor charged. */
  unknownSeconds: number;
  computeUsd: number;
  idleUsd: number;
  busyUsd: number;
  storageUsd: number;
  gpuSeconds: number;
  idleGpuSeconds: number;
  /** Σ mean GPU util × seconds, over running seconds whose utilization is known. */
  utilSeconds: number;
  utilKnownSeconds: number;
  maxGpuUtil: number | null;
};

export type LedgerOptions = {
  pollIntervalMs: number;
  /** Percent; a sample is idle when every GPU is at or below it. */
  idleGpuUtil: number;
  /** The last sample of a pod speaks until now at most (and one poll interval at most). */
  now: Date;
};

const HOUR_MS = 3_600_000;

const emptyPiece = (sample: PodSample, startMs: number, endMs: number): CostPiece => ({
  podId: sample.podId,
  podName: sample.podName,
  ownerId: sample.ownerId,
  startMs,
  endMs,
  runningSeconds: 0,
  idleSeconds: 0,
  busySeconds: 0,
  unknownSeconds: 0,
  computeUsd: 0,
  idleUsd: 0,
  busyUsd: 0,
  storageUsd: 0,
  gpuSeconds: 0,
  idleGpuSeconds: 0,
  utilSeconds: 0,
  utilKnownSeconds: 0,
  maxGpuUtil: null,
});

export const isRunningSample = (sample: Pick<PodSample, 'status'>): boolean => sample.status === 'RUNNING';

/** Idle: running, utilization reported, and every GPU at or below the threshold. Unknown counts as busy. */
export function isIdleSample(sample: PodSample, idleGpuUtil: number): boolean {
  return (
    isRunningSample(sample) &&
    sample.hasRuntime &&
    sample.gpuUtil.length > 0 &&
    sample.gpuUtil.every((util) => util <= idleGpuUtil)
  );
}

function samplePiece(sample: PodSample, startMs: number, endMs: number, idleGpuUtil: number): CostPiece {
  const piece = emptyPiece(sample, startMs, endMs);
  const seconds = (endMs - startMs) / 1000;
  if (!isRunningSample(sample)) {
    piece.storageUsd = stoppedVolumeUsdPerSecond(sample.volumeInGb) * seconds;
    return piece;
  }
  const usd = (sample.costPerHr * seconds) / 3600;
  const idle = isIdleSample(sample, idleGpuUtil);
  piece.runningSeconds = seconds;
  piece.computeUsd = usd;
  piece.gpuSeconds = sample.gpuCount * seconds;
  if (idle) {
    piece.idleSeconds = seconds;
    piece.idleUsd = usd;
    piece.idleGpuSeconds = sample.gpuCount * seconds;
  } else {
    piece.busySeconds = seconds;
    piece.busyUsd = usd;
  }
  if (sample.hasRuntime && sample.gpuUtil.length > 0) {
    const mean = sample.gpuUtil.reduce((a, b) => a + b, 0) / sample.gpuUtil.length;
    piece.utilSeconds = mean * seconds;
    piece.utilKnownSeconds = seconds;
    piece.maxGpuUtil = Math.max(...sample.gpuUtil);
  }
  return piece;
}

/**
 * Integrates raw samples into pieces. Each sample holds until the next sample of the same pod,
 * but for two poll intervals at most: a longer gap (podwarden down, RunPod unreachable) neither
 * invents running hours nor silently drops them; the rest of the gap after a RUNNING sample
 * becomes an "unknown" piece. The last sample of a pod holds for one poll interval, and never
 * past `now`.
 */
export function integrateSamples(samples: readonly PodSample[], options: LedgerOptions): CostPiece[] {
  const byPod = new Map<string, PodSample[]>();
  for (const sample of samples) {
    const list = byPod.get(sample.podId);
    if (list) list.push(sample);
    else byPod.set(sample.podId, [sample]);
  }
  const capMs = 2 * options.pollIntervalMs;
  const nowMs = options.now.getTime();
  const pieces: CostPiece[] = [];
  for (const list of byPod.values()) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    list.forEach((sample, index) => {
      const startMs = sample.at.getTime();
      const next = list[index + 1];
      if (next) {
        const gapMs = next.at.getTime() - startMs;
        const coveredMs = Math.min(gapMs, capMs);
        if (coveredMs > 0)
          pieces.push(samplePiece(sample, startMs, startMs + coveredMs, options.idleGpuUtil));
        if (gapMs > coveredMs && isRunningSample(sample)) {
          const unknown = emptyPiece(sample, startMs + coveredMs, startMs + gapMs);
          unknown.unknownSeconds = (gapMs - coveredMs) / 1000;
          pieces.push(unknown);
        }
        return;
      }
      const endMs = Math.min(startMs + options.pollIntervalMs, nowMs);
      if (endMs > startMs) pieces.push(samplePiece(sample, startMs, endMs, options.idleGpuUtil));
    });
  }
  return pieces;
}

const ADDITIVE = [
  'runningSeconds',
  'idleSeconds',
  'busySeconds',
  'unknownSeconds',
  'computeUsd',
  'idleUsd',
  'busyUsd',
  'storageUsd',
  'gpuSeconds',
  'idleGpuSeconds',
  'utilSeconds',
  'utilKnownSeconds',
] as const satisfies readonly (keyof CostPiece)[];

/** The part of a piece inside [fromMs, toMs), amounts in proportion; null when they do not overlap. */
export function clipPiece(piece: CostPiece, fromMs: number, toMs: number): CostPiece | null {
  const startMs = Math.max(piece.startMs, fromMs);
  const endMs = Math.min(piece.endMs, toMs);
  if (endMs <= startMs) return null;
  if (startMs === piece.startMs && endMs === piece.endMs) return piece;
  const share = (endMs - startMs) / (piece.endMs - piece.startMs);
  const clipped: CostPiece = { ...piece, startMs, endMs };
  for (const key of ADDITIVE) clipped[key] = piece[key] * share;
  return clipped;
}

export const hourStartMs = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** Cuts pieces at UTC hour boundaries, so each lies inside one hour. */
export function splitAtHours(pieces: readonly CostPiece[]): CostPiece[] {
  const out: CostPiece[] = [];
  for (const piece of pieces) {
    for (let hour = hourStartMs(piece.startMs); hour < piece.endMs; hour += HOUR_MS) {
      const part = clipPiece(piece, hour, hour + HOUR_MS);
      if (part) out.push(part);
    }
  }
  return out;
}

export const podHourKey = (podId: string, hourMs: number): string => `${podId}@${hourMs}`;

/** An hourly aggregate as a piece covering its hour. */
export function aggregatePiece(aggregate: HourlyAggregate): CostPiece {
  const startMs = aggregate.hour.getTime();
  const knownSeconds = aggregate.meanGpuUtil === null ? 0 : aggregate.runningSeconds;
  return {
    podId: aggregate.podId,
    podName: aggregate.podName,
    ownerId: aggregate.ownerId,
    startMs,
    endMs: startMs + HOUR_MS,
    runningSeconds: aggregate.runningSeconds,
    idleSeconds: aggregate.idleSeconds,
    busySeconds: aggregate.busySeconds,
    unknownSeconds: aggregate.unknownSeconds,
    computeUsd: aggregate.costUsd,
    idleUsd: aggregate.idleUsd,
    busyUsd: aggregate.busyUsd,
    storageUsd: aggregate.storageUsd,
    gpuSeconds: aggregate.gpuSeconds,
    idleGpuSeconds:
      aggregate.runningSeconds > 0
        ? (aggregate.gpuSeconds * aggregate.idleSeconds) / aggregate.runningSeconds
        : 0,
    utilSeconds: (aggregate.meanGpuUtil ?? 0) * knownSeconds,
    utilKnownSeconds: knownSeconds,
    maxGpuUtil: aggregate.maxGpuUtil,
  };
}

/**
 * Whole-hour bounds of spans no cut falls inside: each cut not on an hour gets its hour as a span
 * of its own, so an hourly sum of any other span lies wholly inside or outside each period whose
 * bounds are among the cuts. Sorted, without repeats.
 */
export function hourSpanBounds(cuts: readonly Date[]): number[] {
  const bounds = new Set<number>();
  for (const cut of cuts) {
    const start = hourStartMs(cut.getTime());
    bounds.add(start);
    if (start !== cut.getTime()) bounds.add(start + HOUR_MS);
  }
  return [...bounds].sort((a, b) => a - b);
}

/**
 * An hourly sum as one piece on its last hour, amounts of all its hours: counted whole in every
 * period it lies in (its span holds no period bound) and kept apart from the pod's later pieces.
 */
export function hourlySumPiece(sum: HourlySum): CostPiece {
  const startMs = sum.lastHour.getTime();
  return {
    podId: sum.podId,
    podName: sum.podName,
    ownerId: sum.ownerId,
    startMs,
    endMs: startMs + HOUR_MS,
    runningSeconds: sum.runningSeconds,
    idleSeconds: sum.idleSeconds,
    busySeconds: sum.busySeconds,
    unknownSeconds: sum.unknownSeconds,
    computeUsd: sum.costUsd,
    idleUsd: sum.idleUsd,
    busyUsd: sum.busyUsd,
    storageUsd: sum.storageUsd,
    gpuSeconds: sum.gpuSeconds,
    idleGpuSeconds: sum.idleGpuSeconds,
    utilSeconds: sum.utilSeconds,
    utilKnownSeconds: sum.utilKnownSeconds,
    maxGpuUtil: sum.maxGpuUtil,
  };
}

/**
 * One period's pieces from both sources: hourly aggregates for the hours that were folded, raw
 * samples for the rest. A pod-hour that has an aggregate never also counts its raw pieces, so a
 * fold that kept a few margin samples does not count them twice.
 */
export function combinePieces(
  samples: readonly PodSample[],
  aggregates: readonly HourlyAggregate[],
  options: LedgerOptions,
): CostPiece[] {
  const folded = new Set(aggregates.map((a) => podHourKey(a.podId, a.hour.getTime())));
  const raw = splitAtHours(integrateSamples(samples, options)).filter(
    (piece) => !folded.has(podHourKey(piece.podId, hourStartMs(piece.startMs))),
  );
  return [...aggregates.map(aggregatePiece), ...raw];
}

/**
 * Like combinePieces, with the folded hours read as sums over spans (hourSpanBounds): `recent` are
 * the aggregates of the hours the samples touch, which tell the pod-hours raw pieces must skip.
 */
export function combineHourlySums(
  samples: readonly PodSample[],
  sums: readonly HourlySum[],
  recent: readonly HourlyAggregate[],
  options: LedgerOptions,
): CostPiece[] {
  const folded = new Set(recent.map((a) => podHourKey(a.podId, a.hour.getTime())));
  const raw = splitAtHours(integrateSamples(samples, options)).filter(
    (piece) => !folded.has(podHourKey(piece.podId, hourStartMs(piece.startMs))),
  );
  return [...sums.map(hourlySumPiece), ...raw];
}
