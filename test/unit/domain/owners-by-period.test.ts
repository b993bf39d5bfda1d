import { describe, expect, it } from 'vitest';
import type { CostPiece } from '../../../src/domain/cost-ledger.js';
import { ownersByPeriod, summarizeCost } from '../../../src/domain/cost-summary.js';
import { seededRandom } from '../../../src/replay/seeded-random.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-10-20T00:00:00Z');

function randomPieces(count: number): CostPiece[] {
  const rng = seededRandom('owners-by-period');
  const owners = ['UALICE', 'UBOB', null];
  return Array.from({ length: count }, (_, i) => {
    const startMs = START + rng.int(0, 20 * 24) * HOUR + rng.int(0, 59) * 60_000;
    const endMs = startMs + rng.int(1, 50) * HOUR;
    const seconds = (endMs - startMs) / 1000;
    const usd = rng.between(0, 10);
    return {
      podId: `pod-${i % 7}`,
      podName: `pod ${i % 7}`,
      ownerId: owners[i % owners.length] ?? null,
      startMs,
      endMs,
      runningSeconds: seconds,
      idleSeconds: seconds / 2,
      busySeconds: seconds / 2,
      unknownSeconds: 0,
      computeUsd: usd,
      idleUsd: usd / 3,
      busyUsd: (2 * usd) / 3,
      storageUsd: rng.between(0, 0.1),
      gpuSeconds: seconds * 2,
      idleGpuSeconds: seconds,
      utilSeconds: 0,
      utilKnownSeconds: 0,
      maxGpuUtil: null,
    };
  });
}

describe('owners by period in one pass', () => {
  it('equals a summary of each period on its own, pieces crossing day bounds split in proportion', () => {
    const pieces = randomPieces(400);
    // 14 days, the last one shorter (it ends now), and a DST-like 25-hour day among them.
    const days = Array.from({ length: 14 }, (_, d) => {
      const from = new Date(START + 2 * 24 * HOUR + d * 24 * HOUR + (d > 5 ? HOUR : 0));
      const to = new Date(from.getTime() + (d === 5 ? 25 : d === 13 ? 7 : 24) * HOUR);
      return { from, to };
    });
    const together = ownersByPeriod(pieces, days);
    days.forEach((day, i) => {
      const alone = summarizeCost(pieces, day.from, day.to).byOwner;
      expect(together[i]?.map((o) => o.ownerId)).toEqual(alone.map((o) => o.ownerId));
      together[i]?.forEach((owner, j) => {
        expect(owner.totalUsd).toBeCloseTo(alone[j]?.totalUsd ?? Number.NaN, 9);
        expect(owner.idleUsd).toBeCloseTo(alone[j]?.idleUsd ?? Number.NaN, 9);
        expect(owner.gpuSeconds).toBeCloseTo(alone[j]?.gpuSeconds ?? Number.NaN, 6);
      });
    });
  });

  it('gives an empty list for a period without pieces', () => {
    expect(ownersByPeriod([], [{ from: new Date(START), to: new Date(START + HOUR) }])).toEqual([[]]);
  });
});
