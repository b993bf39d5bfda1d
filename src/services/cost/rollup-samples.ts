import { hourStartMs, podHourKey } from '../../domain/cost-ledger.js';
import { planRollup, RAW_SAMPLE_RETENTION_MS } from '../../domain/cost-rollup.js';
import type { ServiceDeps } from '../ports.js';
import { ledgerOptions } from './load-pieces.js';

/** Samples read past the folding boundary, so the last folded samples know where they end. */
const LOOKAHEAD_MS = 2 * 3_600_000;

export type RollupReport = { aggregates: number; deletedBefore: Date | null };

/**
 * Folds raw samples older than 48 hours into hourly aggregates, in one store transaction. Safe on
 * every replica at once: samples are read before aggregates, and pod-hours that already have an
 * aggregate are never rewritten, so a fold that raced another computes the same rows or none.
 */
export async function rollupSamples(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'settings' | 'logger'>,
): Promise<RollupReport> {
  const options = ledgerOptions(deps);
  const foldedBefore = hourStartMs(options.now.getTime() - RAW_SAMPLE_RETENTION_MS);
  const oldest = await deps.store.oldestSampleAt();
  if (oldest === null || oldest.getTime() >= foldedBefore - 2 * options.pollIntervalMs) {
    return { aggregates: 0, deletedBefore: null };
  }
  const samples = await deps.store.listSamples(null, oldest, new Date(foldedBefore + LOOKAHEAD_MS));
  const existing = await deps.store.listHourly(
    new Date(hourStartMs(oldest.getTime())),
    new Date(foldedBefore),
  );
  const plan = planRollup(
    samples,
    new Set(existing.map((a) => podHourKey(a.podId, a.hour.getTime()))),
    options,
  );
  await deps.store.foldSamples(plan.aggregates, plan.deleteBefore);
  deps.logger.info(
    { aggregates: plan.aggregates.length, deletedBefore: plan.deleteBefore.toISOString() },
    'folded raw samples into hourly aggregates',
  );
  return { aggregates: plan.aggregates.length, deletedBefore: plan.deleteBefore };
}
