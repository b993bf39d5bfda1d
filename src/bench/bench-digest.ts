import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createChartRenderer } from '../chart/chart-renderer.js';
import type { HourlyAggregate, PodSample } from '../domain/samples.js';
import { type Clock, createManualClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { createReplayNotifier } from '../replay/replay-notifier.js';
import { replaySettings } from '../replay/replay-settings.js';
import { seededRandom } from '../replay/seeded-random.js';
import { createCostService } from '../services/cost-service.js';
import { createDigestService } from '../services/digest-service.js';
import type { Store } from '../services/ports.js';
import { openStore } from '../store/open-store.js';
import { type BenchResult, benchResult, timings } from './bench-result.js';
import { syntheticGateway } from './synthetic-gateway.js';

const HOUR = 3_600_000;
const PODS = 20;
const DAYS = 30;
const RAW_HOURS = 48;
/** Rows per seeding write: keeps a 90-day history from building up in memory at once. */
const SEED_BATCH = 20_000;
const RUNS = 5;
const OWNERS = ['U01ADA', 'U02ALICE', 'U03BOB', 'U04RITA', null];

/** `days` of history for `pods` pods: hourly aggregates for all but the last 48 hours, raw samples (every 60 s) for those. */
export async function seedHistory(
  store: Store,
  now: Date,
  days = DAYS,
  pods = PODS,
): Promise<{ aggregates: number; samples: number }> {
  const rng = seededRandom('digest-bench');
  const end = Math.floor(now.getTime() / HOUR) * HOUR;
  const rawFrom = end - RAW_HOURS * HOUR;
  let aggregates: HourlyAggregate[] = [];
  let aggregateCount = 0;
  let samples = 0;
  for (let p = 0; p < pods; p++) {
    const podId = `digest${p}`;
    const ownerId = OWNERS[p % OWNERS.length] ?? null;
    const gpuCount = [1, 2, 4, 8][p % 4] ?? 1;
    const costPerHr = Math.round(gpuCount * ([2.99, 1.64, 0.86][p % 3] ?? 1) * 100) / 100;
    for (let hour = end - days * 24 * HOUR; hour < rawFrom; hour += HOUR) {
      const running = rng.chance(0.8) ? 3600 : rng.int(0, 3600);
      const idle = Math.round(running * rng.between(0, 0.6));
      aggregates.push({
        podId,
        podName: `pod-${p}`,
        hour: new Date(hour),
        ownerId,
        runningSeconds: running,
        idleSeconds: idle,
        busySeconds: running - idle,
        unknownSeconds: 0,
        costUsd: (costPerHr * running) / 3600,
        idleUsd: (costPerHr * idle) / 3600,
        busyUsd: (costPerHr * (running - idle)) / 3600,
        storageUsd: 0.003,
        gpuSeconds: running * gpuCount,
        meanGpuUtil: rng.between(5, 90),
        maxGpuUtil: rng.between(50, 100),
        samples: Math.round(running / 60),
      });
    }
    const batch: PodSample[] = [];
    for (let at = rawFrom; at < now.getTime(); at += 60_000) {
      const util = rng.chance(0.3) ? 0 : rng.int(20, 99);
      batch.push({
        podId,
        podName: `pod-${p}`,
        at: new Date(at),
        status: 'RUNNING',
        ownerId,
        costPerHr,
        gpuCount,
        gpuUtil: Array.from({ length: gpuCount }, () => util),
        gpuMem: Array.from({ length: gpuCount }, () => 50),
        cpuPercent: 10,
        memoryPercent: 20,
        uptimeSeconds: 86_400,
        hasRuntime: true,
        volumeInGb: 100,
        containerDiskInGb: 50,
      });
    }
    await store.insertSamples(batch);
    samples += batch.length;
    if (aggregates.length >= SEED_BATCH) {
      await store.foldSamples(aggregates, new Date(0));
      aggregateCount += aggregates.length;
      aggregates = [];
    }
  }
  await store.foldSamples(aggregates, new Date(0));
  return { aggregates: aggregateCount + aggregates.length, samples };
}

/**
 * The daily digest over 30 days of data for 20 pods, from a real SQLite file: the digest model
 * and its Block Kit message (the digest service's build), then the 14-day chart PNG.
 */
export async function benchDigestBuild(clock: Clock): Promise<BenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podwarden-bench-digest-'));
  const store = await openStore({ kind: 'sqlite', path: path.join(dir, 'digest.db') }, silentLogger);
  try {
    const virtual = createManualClock(clock.now());
    const seeded = await seedHistory(store, virtual.now());
    const chart = createChartRenderer();
    const deps = {
      gateway: syntheticGateway(virtual, PODS),
      store,
      notifier: createReplayNotifier().notifier,
      chart,
      clock: virtual,
      settings: replaySettings(),
      logger: silentLogger,
    };
    // As the hourly job leaves it: every complete hour folded, raw samples kept 48 hours.
    const rollup = await createCostService(deps).rollup();
    const digests = createDigestService(deps);
    const builds: number[] = [];
    const charts: number[] = [];
    const totals: number[] = [];
    let pngBytes = 0;
    let blocks = 0;
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      const built = await digests.build('Europe/Berlin');
      const builtAt = performance.now();
      const png = await chart.renderSpendChart(built.chart, built.chartTitle);
      const done = performance.now();
      pngBytes = png.byteLength;
      blocks = built.message.blocks.length;
      // The first run warms the chart engine up; it is reported apart.
      if (run === 0) continue;
      builds.push(builtAt - started);
      charts.push(done - builtAt);
      totals.push(done - started);
    }
    return benchResult(
      clock,
      {
        topic: 'digest',
        name: 'build',
        measures: `ms to build the digest model, its Block Kit message and the chart PNG over ${DAYS} days of data for ${PODS} pods (SQLite file)`,
      },
      {
        ...timings(totals),
        modelAndBlocks: timings(builds),
        chartPng: timings(charts),
        pngBytes,
        blocks,
        hourlyAggregates: seeded.aggregates + rollup.aggregates,
        rawSamples: seeded.samples,
      },
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
