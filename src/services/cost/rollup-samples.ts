import type { LedgerOptions } from '../../domain/cost-ledger.js';
import { hourStartMs, podHourKey } from '../../domain/cost-ledger.js';
import {
  completeHoursBefore,
  planRollup,
  RAW_SAMPLE_RETENTION_MS,
  type RollupPlan,
} from '../../domain/cost-rollup.js';
import type { HourlyAggregate, PodSample } from '../../domain/samples.js';
import { breather } from '../../lib/breather.js';
import type { ServiceDeps } from '../ports.js';
import { ledgerOptions } from './load-pieces.js';

/** Samples read past the folding boundary, so the last folded samples know where they end. */
const LOOKAHEAD_MS = 2 * 3_600_000;
const HOUR_MS = 3_600_000;

export type RollupReport = {
  aggregates: number;
  deletedBefore: Date | null;
  /** Hourly aggregates deleted for being older than HOURLY_RETENTION. */
  pruned: number;
};

type RollupDeps = Pick<ServiceDeps, 'store' | 'clock' | 'settings' | 'logger'>;

/**
 * Folds complete hours of raw samples into hourly aggregates (raw samples stay 48 hours), in one
 * store transaction, then deletes the aggregates of hours older than HOURLY_RETENTION. Safe on every replica at once:
 * samples are read before aggregates, and pod-hours that already have an aggregate are never
 * rewritten, so a fold that raced another computes the same rows or none.
 */
export async function rollupSamples(deps: RollupDeps): Promise<RollupReport> {
  const folded = await foldSamples(deps);
  const pruneBefore = new Date(hourStartMs(deps.clock.now().getTime() - deps.settings.hourlyRetentionMs));
  const pruned = await deps.store.pruneHourly(pruneBefore);
  if (pruned > 0) {
    deps.logger.info(
      { pruned, before: pruneBefore.toISOString() },
      'deleted hourly aggregates past HOURLY_RETENTION',
    );
  }
  return { ...folded, pruned };
}

/** Pods planned at once: the plan of thousands of pods is made in slices. */
const PLAN_PODS = 50;

/**
 * planRollup over the pods fifty at a time, the event loop free in between: each pod's
 * aggregates depend on its own samples only, so the slices together plan what one call would,
 * in the same order.
 */
async function planRollupInSlices(
  samples: readonly PodSample[],
  folded: ReadonlySet<string>,
  options: LedgerOptions,
  foldBefore: Date,
): Promise<RollupPlan> {
  const breathe = breather();
  const byPod = new Map<string, PodSample[]>();
  for (const [index, sample] of samples.entries()) {
    if (index % 1_000 === 0) await breathe();
    const own = byPod.get(sample.podId);
    if (own) own.push(sample);
    else byPod.set(sample.podId, [sample]);
  }
  const pods = [...byPod.values()];
  let plan = planRollup([], folded, options, foldBefore);
  const aggregates: HourlyAggregate[] = [];
  for (let i = 0; i < pods.length; i += PLAN_PODS) {
    await breathe();
    plan = planRollup(pods.slice(i, i + PLAN_PODS).flat(), folded, options, foldBefore);
    for (const aggregate of plan.aggregates) aggregates.push(aggregate);
  }
  return { ...plan, aggregates };
}

/**
 * Every complete hour not folded yet becomes aggregates (so that digests and reports read hourly
 * rows for all but the current hour); raw samples stay 48 hours.
 */
async function foldSamples(deps: RollupDeps): Promise<Omit<RollupReport, 'pruned'>> {
  const options = ledgerOptions(deps);
  const poll = options.pollIntervalMs;
  const foldBefore = completeHoursBefore(options.now, poll).getTime();
  const deleteBefore = hourStartMs(options.now.getTime() - RAW_SAMPLE_RETENTION_MS) - 2 * poll;
  const [oldest, newestFolded] = await Promise.all([deps.store.oldestSampleAt(), deps.store.newestHourly()]);
  if (oldest === null) return { aggregates: 0, deletedBefore: null };
  const unfoldedFrom = Math.max(
    hourStartMs(oldest.getTime()),
    newestFolded === null ? Number.NEGATIVE_INFINITY : newestFolded.getTime() + HOUR_MS,
  );
  if (unfoldedFrom >= foldBefore && oldest.getTime() >= deleteBefore) {
    return { aggregates: 0, deletedBefore: null };
  }
  // From two poll intervals before the first unfolded hour: its first sample knows where it starts.
  const readFrom = new Date(Math.max(oldest.getTime(), unfoldedFrom - 2 * poll));
  const samples =
    unfoldedFrom < foldBefore
      ? await deps.store.listSamples(null, readFrom, new Date(foldBefore + LOOKAHEAD_MS))
      : [];
  const existing = await deps.store.listHourly(
    new Date(hourStartMs(readFrom.getTime())),
    new Date(foldBefore),
  );
  const plan = await planRollupInSlices(
    samples,
    new Set(existing.map((a) => podHourKey(a.podId, a.hour.getTime()))),
    options,
    new Date(foldBefore),
  );
  await deps.store.foldSamples(plan.aggregates, plan.deleteBefore);
  deps.logger.info(
    { aggregates: plan.aggregates.length, deletedBefore: plan.deleteBefore.toISOString() },
    'folded raw samples into hourly aggregates',
  );
  return { aggregates: plan.aggregates.length, deletedBefore: plan.deleteBefore };
}
