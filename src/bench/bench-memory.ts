import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Clock, createManualClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { createReplayNotifier } from '../replay/replay-notifier.js';
import { replaySettings } from '../replay/replay-settings.js';
import { createCostService } from '../services/cost-service.js';
import { createIdleService } from '../services/idle-service.js';
import type { ChartRenderer, Store } from '../services/ports.js';
import { idleMessages } from '../slack/blocks/idle-messages.js';
import { openStore } from '../store/open-store.js';
import { type BenchResult, benchResult, round } from './bench-result.js';
import { syntheticGateway } from './synthetic-gateway.js';

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const HOUR = 60 * MINUTE;
const MB = 1024 * 1024;

const noChart: ChartRenderer = {
  async renderSpendChart() {
    return new Uint8Array();
  },
};

async function fileBytes(file: string): Promise<number> {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += (await stat(`${file}${suffix}`)).size;
    } catch (_absent) {
      // No WAL or shared-memory file at this moment: nothing to add.
    }
  }
  return total;
}

/** Raw samples in the store, counted an hour at a time so that counting does not bloat the heap. */
async function countSamples(store: Store, now: Date): Promise<number> {
  const oldest = await store.oldestSampleAt();
  if (oldest === null) return 0;
  let count = 0;
  for (let from = oldest.getTime(); from <= now.getTime(); from += HOUR) {
    count += (await store.listSamples(null, new Date(from), new Date(from + HOUR))).length;
  }
  return count;
}

/**
 * Simulated days of polls every 60 s for `pods` pods on a real SQLite file, with the hourly fold
 * every simulated hour as the app runs it: raw samples stay at about 48 hours and the store stops
 * growing but for one hourly row per pod and hour. The idle flow is switched off (IDLE_ACTION=off)
 * to keep the run short; what it costs per tick is the poll benchmarks' subject.
 */
export async function benchMemory(clock: Clock, days = 4, pods = 50): Promise<BenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podwarden-bench-memory-'));
  const file = path.join(dir, 'memory.db');
  const store = await openStore({ kind: 'sqlite', path: file }, silentLogger);
  try {
    const start = Math.floor(clock.now().getTime() / DAY) * DAY;
    const virtual = createManualClock(new Date(start));
    const deps = {
      gateway: syntheticGateway(virtual, pods),
      store,
      notifier: createReplayNotifier().notifier,
      chart: noChart,
      clock: virtual,
      settings: replaySettings({ IDLE_ACTION: 'off' }),
      logger: silentLogger,
    };
    const idle = createIdleService(deps);
    const cost = createCostService(deps);
    const perDay: Record<string, number>[] = [];
    const started = performance.now();
    for (let day = 1; day <= days; day++) {
      for (let minute = 0; minute < 1_440; minute++) {
        virtual.advance(MINUTE);
        await idle.poll(idleMessages);
        if (minute % 60 === 59) await cost.rollup();
      }
      // Memory first: counting the rows below reads them back.
      const memory = process.memoryUsage();
      const now = virtual.now();
      const rawSamples = await countSamples(store, now);
      const hourly = await store.listHourly(new Date(0), now);
      perDay.push({
        day,
        rawSamples,
        hourlyRows: hourly.length,
        storeMB: round((await fileBytes(file)) / MB, 2),
        rssMB: round(memory.rss / MB, 1),
        heapUsedMB: round(memory.heapUsed / MB, 1),
      });
    }
    const last = perDay.at(-1) ?? {};
    return benchResult(
      clock,
      {
        topic: 'memory',
        name: 'rss',
        measures: `RSS and SQLite size after ${days} simulated days of polls every 60 s for ${pods} pods, folded hourly`,
      },
      {
        pods,
        days,
        polls: days * 1_440,
        rssMB: last.rssMB,
        storeMB: last.storeMB,
        rawSamples: last.rawSamples,
        hourlyRows: last.hourlyRows,
        perDay,
        wallSeconds: round((performance.now() - started) / 1000, 1),
      },
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
