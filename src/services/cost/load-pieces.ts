import {
  type CostPiece,
  combineHourlySums,
  combinePieces,
  hourSpanBounds,
  hourStartMs,
  type LedgerOptions,
} from '../../domain/cost-ledger.js';
import type { PodSample } from '../../domain/samples.js';
import type { ServiceDeps } from '../ports.js';

export type LedgerDeps = Pick<ServiceDeps, 'store' | 'clock' | 'settings'>;

export const ledgerOptions = (deps: LedgerDeps): LedgerOptions => ({
  pollIntervalMs: deps.settings.pollIntervalMs,
  idleGpuUtil: deps.settings.idleGpuUtil,
  now: deps.clock.now(),
});

/**
 * The pieces covering [from, to): hourly aggregates where hours were folded (every hour before the
 * newest aggregate), raw samples for the rest. Samples from two poll intervals either side are
 * read too, so a sample just before `from` counts for its share and the last one before `to` knows
 * where it ends.
 */
export async function loadPieces(deps: LedgerDeps, from: Date, to: Date): Promise<CostPiece[]> {
  const margin = 2 * deps.settings.pollIntervalMs;
  const [aggregates, newestFolded] = await Promise.all([
    deps.store.listHourly(new Date(hourStartMs(from.getTime())), to),
    deps.store.newestHourly(),
  ]);
  const rawFrom = Math.max(from.getTime(), newestFolded === null ? 0 : newestFolded.getTime() + 3_600_000);
  const samples = await deps.store.listSamples(
    null,
    new Date(rawFrom - margin),
    new Date(to.getTime() + margin),
  );
  return combinePieces(samples, aggregates, ledgerOptions(deps));
}

/**
 * The same pieces for summaries whose bounds are all among `cuts` (each in [from, to]): the folded
 * hours come summed per pod between consecutive cuts (one row per pod and day for a digest, not
 * one per pod and hour), raw samples only after the newest folded hour.
 */
export async function loadSpanPieces(
  deps: LedgerDeps,
  from: Date,
  to: Date,
  cuts: readonly Date[],
): Promise<CostPiece[]> {
  const margin = 2 * deps.settings.pollIntervalMs;
  const inside = cuts.filter((cut) => cut.getTime() > from.getTime() && cut.getTime() < to.getTime());
  const bounds = hourSpanBounds([from, ...inside, to]).map((ms) => new Date(ms));
  const [sums, newestFolded] = await Promise.all([deps.store.sumHourly(bounds), deps.store.newestHourly()]);
  const rawFrom = Math.max(from.getTime(), newestFolded === null ? 0 : newestFolded.getTime() + 3_600_000);
  // The aggregates of the hours raw samples reach into: their raw pieces are not counted twice.
  const foldedFrom = Math.max(hourStartMs(from.getTime()), hourStartMs(rawFrom - margin));
  const [samples, recent] = await Promise.all([
    deps.store.listSamples(null, new Date(rawFrom - margin), new Date(to.getTime() + margin)),
    deps.store.listHourly(new Date(foldedFrom), to),
  ]);
  return combineHourlySums(samples, sums, recent, ledgerOptions(deps));
}

/** Samples of the last three poll intervals: what runs and what is stopped right now. */
export async function recentSamples(deps: LedgerDeps): Promise<PodSample[]> {
  const now = deps.clock.now();
  return deps.store.listSamples(
    null,
    new Date(now.getTime() - 3 * deps.settings.pollIntervalMs),
    new Date(now.getTime() + 1),
  );
}
