import { type CostPiece, clipPiece } from './cost-ledger.js';

/** What a set of pieces adds up to. Dollars are unrounded; rounding happens only when shown. */
export type CostTotals = {
  /** Compute plus storage. */
  totalUsd: number;
  computeUsd: number;
  idleUsd: number;
  busyUsd: number;
  storageUsd: number;
  runningSeconds: number;
  idleSeconds: number;
  unknownSeconds: number;
  gpuSeconds: number;
  idleGpuSeconds: number;
};

export type PodCost = CostTotals & {
  podId: string;
  podName: string;
  /** The owner in the pod's latest piece of the period. */
  ownerId: string | null;
};

export type OwnerCost = CostTotals & { ownerId: string | null };

export type CostSummary = {
  from: Date;
  to: Date;
  totals: CostTotals;
  /** Most expensive first. */
  byOwner: OwnerCost[];
  /** Most expensive first. */
  byPod: PodCost[];
};

export const zeroTotals = (): CostTotals => ({
  totalUsd: 0,
  computeUsd: 0,
  idleUsd: 0,
  busyUsd: 0,
  storageUsd: 0,
  runningSeconds: 0,
  idleSeconds: 0,
  unknownSeconds: 0,
  gpuSeconds: 0,
  idleGpuSeconds: 0,
});

function add(totals: CostTotals, piece: CostPiece): void {
  totals.computeUsd += piece.computeUsd;
  totals.idleUsd += piece.idleUsd;
  totals.busyUsd += piece.busyUsd;
  totals.storageUsd += piece.storageUsd;
  totals.totalUsd += piece.computeUsd + piece.storageUsd;
  totals.runningSeconds += piece.runningSeconds;
  totals.idleSeconds += piece.idleSeconds;
  totals.unknownSeconds += piece.unknownSeconds;
  totals.gpuSeconds += piece.gpuSeconds;
  totals.idleGpuSeconds += piece.idleGpuSeconds;
}

const byCost = (a: CostTotals, b: CostTotals) => b.totalUsd - a.totalUsd;

/**
 * Sums the pieces inside [from, to): totals, per owner at the time (a pod that changed hands
 * mid-period is split between its owners), per pod. Pieces crossing a bound count in proportion.
 */
export function summarizeCost(
  pieces: readonly CostPiece[],
  from: Date,
  to: Date,
  filter: { ownerId?: string } = {},
): CostSummary {
  const totals = zeroTotals();
  const owners = new Map<string | null, OwnerCost>();
  const pods = new Map<string, PodCost & { lastMs: number }>();
  for (const whole of pieces) {
    if (filter.ownerId !== undefined && whole.ownerId !== filter.ownerId) continue;
    const piece = clipPiece(whole, from.getTime(), to.getTime());
    if (!piece) continue;
    add(totals, piece);
    let owner = owners.get(piece.ownerId);
    if (!owner) {
      owner = { ...zeroTotals(), ownerId: piece.ownerId };
      owners.set(piece.ownerId, owner);
    }
    add(owner, piece);
    let pod = pods.get(piece.podId);
    if (!pod) {
      pod = {
        ...zeroTotals(),
        podId: piece.podId,
        podName: piece.podName,
        ownerId: piece.ownerId,
        lastMs: 0,
      };
      pods.set(piece.podId, pod);
    }
    if (piece.startMs >= pod.lastMs) {
      pod.lastMs = piece.startMs;
      pod.ownerId = piece.ownerId;
      pod.podName = piece.podName;
    }
    add(pod, piece);
  }
  return {
    from,
    to,
    totals,
    byOwner: [...owners.values()].sort(byCost),
    byPod: [...pods.values()].map(({ lastMs: _lastMs, ...pod }) => pod).sort(byCost),
  };
}

/**
 * Per owner of each of several periods (sorted, not overlapping, e.g. the days of a chart), in one
 * pass over the pieces: the same as summarizeCost(pieces, p.from, p.to).byOwner for each period.
 */
export function ownersByPeriod(
  pieces: readonly CostPiece[],
  periods: readonly { from: Date; to: Date }[],
): OwnerCost[][] {
  const bounds = periods.map((p) => ({ fromMs: p.from.getTime(), toMs: p.to.getTime() }));
  const owners = periods.map(() => new Map<string | null, OwnerCost>());
  for (const whole of pieces) {
    // The first period ending after the piece starts.
    let low = 0;
    let high = bounds.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((bounds[mid]?.toMs ?? Number.POSITIVE_INFINITY) <= whole.startMs) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < bounds.length; i++) {
      const bound = bounds[i];
      const byOwner = owners[i];
      if (!bound || !byOwner || bound.fromMs >= whole.endMs) break;
      const piece = clipPiece(whole, bound.fromMs, bound.toMs);
      if (!piece) continue;
      let owner = byOwner.get(piece.ownerId);
      if (!owner) {
        owner = { ...zeroTotals(), ownerId: piece.ownerId };
        byOwner.set(piece.ownerId, owner);
      }
      add(owner, piece);
    }
  }
  return owners.map((byOwner) => [...byOwner.values()].sort(byCost));
}

/** Idle share of compute spend, 0..1; 0 when nothing ran. */
export const idleShare = (totals: CostTotals): number =>
  totals.computeUsd > 0 ? totals.idleUsd / totals.computeUsd : 0;
