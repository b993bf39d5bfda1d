import { UNOWNED_LABEL } from '../../domain/cost-format.js';
import { lastLocalDays } from '../../domain/cost-period.js';
import { billedInRange } from '../../domain/cost-reconcile.js';
import { ownersByPeriod } from '../../domain/cost-summary.js';
import { composeDigest, digestWindow } from '../../domain/digest-compose.js';
import { withExposure } from '../../domain/digest-exposure.js';
import { withLongStopped } from '../../domain/digest-long-stopped.js';
import { type DigestMessage, digestMessage } from '../../domain/digest-message.js';
import type { DigestModel } from '../../domain/digest-model.js';
import { withRepeatedKeeps } from '../../domain/digest-repeated-keeps.js';
import { withServerless } from '../../domain/digest-serverless.js';
import { KEEPS_LOOKBACK_MS, podsWithRepeatedKeeps } from '../../domain/repeated-keeps.js';
import {
  addLocalDays,
  formatLocalDay,
  localDateKey,
  startOfLocalDay,
  startOfLocalMonth,
} from '../../lib/time-zone.js';
import type { ChartSeries, ServiceDeps } from '../ports.js';
import { readLongStopped } from '../stopped/long-stopped.js';
import { readAccount, readBilling, readNetworkVolumes } from './account-figures.js';
import { readExposure } from './exposure-findings.js';
import { loadSpanPieces, recentSamples } from './load-pieces.js';
import { readServerless } from './serverless-figures.js';

/** Days the chart covers. */
export const CHART_DAYS = 14;

export type BuiltDigest = {
  /** The local date the digest is for (today in its zone), e.g. `2026-11-10`. */
  localDate: string;
  model: DigestModel;
  message: DigestMessage;
  chart: ChartSeries[];
  chartTitle: string;
};

/** A label for an owner in the chart image, where Slack mentions cannot render. */
export const chartOwner = (ownerId: string | null, name?: string | null): string =>
  ownerId ? `@${name ?? ownerId}` : UNOWNED_LABEL;

/** Owner ids → the names Slack shows, where the notifier can tell. */
async function ownerNames(
  deps: ServiceDeps,
  ownerIds: Iterable<string>,
): Promise<Map<string, string | null>> {
  const ids = [...new Set(ownerIds)];
  const names = await Promise.all(ids.map(async (id) => (await deps.notifier.userName?.(id)) ?? null));
  return new Map(ids.map((id, i) => [id, names[i] ?? null]));
}

/** Reads the ledger and RunPod's figures once and builds the digest for a channel's zone. */
export async function buildDigest(deps: ServiceDeps, timeZone: string): Promise<BuiltDigest> {
  const now = deps.clock.now();
  const days = lastLocalDays(now, CHART_DAYS, timeZone);
  const window = digestWindow(now, timeZone);
  const from = days[0] && days[0].from.getTime() < window.from.getTime() ? days[0].from : window.from;
  const yesterdayFrom = addLocalDays(now, -1, timeZone);
  const today = startOfLocalDay(now, timeZone);

  // Every bound a summary below uses: the folded hours are read summed between them.
  const cuts = [
    ...days.flatMap((day) => [day.from, day.to]),
    window.from,
    yesterdayFrom,
    today,
    addLocalDays(now, -2, timeZone),
    startOfLocalMonth(now, timeZone),
  ];
  const pieces = await loadSpanPieces(deps, from, now, cuts);
  const [recent, savings, account, billing, networkVolumes, episodes, serverless, exposure] =
    await Promise.all([
      recentSamples(deps),
      deps.store.listSavings(yesterdayFrom, now),
      readAccount(deps),
      readBilling(deps, yesterdayFrom, today),
      readNetworkVolumes(deps),
      deps.store.listEpisodesSince(new Date(now.getTime() - KEEPS_LOOKBACK_MS)),
      readServerless(deps, yesterdayFrom, today),
      readExposure(deps, now, timeZone),
    ]);
  const composed = composeDigest({
    now,
    timeZone,
    pollIntervalMs: deps.settings.pollIntervalMs,
    pieces,
    recentSamples: recent,
    savings,
    balanceUsd: account.balanceUsd,
    balanceUnavailable: account.balanceUnavailable,
    spendPerHour: account.spendPerHour,
    runpodYesterdayUsd: billing === null ? null : billedInRange(billing, yesterdayFrom, today),
    networkVolumes,
  });
  const longStopped = await readLongStopped(deps, recent);
  const model = withExposure(
    withServerless(
      withRepeatedKeeps(
        withLongStopped(composed, deps.settings.stoppedNudgeAfterMs, longStopped),
        now,
        podsWithRepeatedKeeps(episodes, now),
      ),
      serverless,
    ),
    exposure,
  );

  const byDay = ownersByPeriod(pieces, days);
  const perDay = days.map((day, i) => ({ day, owners: byDay[i] ?? [] }));
  const names = await ownerNames(
    deps,
    perDay.flatMap(({ owners }) => owners.flatMap((o) => (o.ownerId ? [o.ownerId] : []))),
  );
  const chart: ChartSeries[] = perDay.flatMap(({ day, owners }) => {
    const label = formatLocalDay(day.from, timeZone);
    if (owners.length === 0) return [{ day: label, owner: 'nobody', busyUsd: 0, idleUsd: 0 }];
    return owners.map((o) => ({
      day: label,
      owner: chartOwner(o.ownerId, o.ownerId ? names.get(o.ownerId) : null),
      busyUsd: Math.max(0, o.totalUsd - o.idleUsd),
      idleUsd: o.idleUsd,
    }));
  });
  const first = days[0];
  const last = days.at(-1);
  const chartTitle =
    first && last
      ? `GPU spend, ${formatLocalDay(first.from, timeZone)} – ${formatLocalDay(last.from, timeZone)} (${timeZone})`
      : 'GPU spend';

  return { localDate: localDateKey(now, timeZone), model, message: digestMessage(model), chart, chartTitle };
}
