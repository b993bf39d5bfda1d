import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createChartRenderer } from '../chart/chart-renderer.js';
import { hourStartMs } from '../domain/cost-ledger.js';
import { lastLocalDays } from '../domain/cost-period.js';
import { digestWindow } from '../domain/digest-compose.js';
import { type Clock, createManualClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { createReplayNotifier } from '../replay/replay-notifier.js';
import { replaySettings } from '../replay/replay-settings.js';
import { CHART_DAYS } from '../services/cost/build-digest.js';
import { createCostService } from '../services/cost-service.js';
import { createDigestService } from '../services/digest-service.js';
import { openStore } from '../store/open-store.js';
import { seedHistory } from './bench-digest.js';
import { type BenchResult, benchResult, round, timings } from './bench-result.js';
import { syntheticGateway } from './synthetic-gateway.js';

const RUNS = 3;
const ZONE = 'Europe/Berlin';

/**
 * The digest over `days` of data for `pods` pods (SQLite file): model, Block Kit and chart PNG,
 * against a plain read of every row of its window, hourly and raw (what it read before complete
 * hours were folded; it now reads the raw samples of the current hour only), timed alternately in
 * the same run.
 */
export async function benchDigestAtScale(clock: Clock, days: number, pods: number): Promise<BenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podwarden-bench-digest-'));
  const store = await openStore({ kind: 'sqlite', path: path.join(dir, 'digest.db') }, silentLogger);
  try {
    const virtual = createManualClock(clock.now());
    const seedStarted = performance.now();
    const seeded = await seedHistory(store, virtual.now(), days, pods);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const settings = replaySettings();
    const chart = createChartRenderer();
    const deps = {
      gateway: syntheticGateway(virtual, pods),
      store,
      notifier: createReplayNotifier().notifier,
      chart,
      clock: virtual,
      settings,
      logger: silentLogger,
    };
    // As the hourly job leaves it: every complete hour folded, raw samples kept 48 hours.
    const rollup = await createCostService(deps).rollup();
    const digests = createDigestService(deps);
    const now = virtual.now();
    const window = digestWindow(now, ZONE);
    const chartFrom = lastLocalDays(now, CHART_DAYS, ZONE)[0]?.from ?? window.from;
    const from = chartFrom.getTime() < window.from.getTime() ? chartFrom : window.from;
    const margin = 2 * settings.pollIntervalMs;
    const plainRead = async () => {
      const hourly = await store.listHourly(new Date(hourStartMs(from.getTime())), now);
      const raw = await store.listSamples(
        null,
        new Date(from.getTime() - margin),
        new Date(now.getTime() + margin),
      );
      return hourly.length + raw.length;
    };

    const builds: number[] = [];
    const charts: number[] = [];
    const totals: number[] = [];
    const reads: number[] = [];
    let rowsRead = 0;
    for (let run = 0; run <= RUNS; run++) {
      const readStarted = performance.now();
      rowsRead = await plainRead();
      const readMs = performance.now() - readStarted;
      const started = performance.now();
      const built = await digests.build(ZONE);
      const builtAt = performance.now();
      await chart.renderSpendChart(built.chart, built.chartTitle);
      const done = performance.now();
      // The first run warms the chart engine up; it is not counted.
      if (run === 0) continue;
      reads.push(readMs);
      builds.push(builtAt - started);
      charts.push(done - builtAt);
      totals.push(done - started);
    }
    const median = (values: number[]) => timings(values).p50Ms ?? 0;
    return benchResult(
      clock,
      {
        topic: 'digest',
        name: `${days}d-${pods}pods`,
        measures: `ms to build the digest model, its Block Kit message and the 14-day chart PNG over ${days} days of data for ${pods} pods (SQLite file); baseline: a plain read of the hourly and raw rows of its window`,
      },
      {
        days,
        pods,
        ...timings(totals),
        modelAndBlocks: timings(builds),
        chartPng: timings(charts),
        baseline: {
          measures:
            'listHourly and listSamples over the whole digest window (48 h of it raw), nothing computed',
          rows: rowsRead,
          ...timings(reads),
        },
        ratio: round(median(builds) / Math.max(0.001, median(reads)), 2),
        hourlyAggregates: seeded.aggregates + rollup.aggregates,
        rawSamples: seeded.samples,
        seedSeconds: round(seedSeconds, 1),
      },
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
