import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { PodSample } from '../domain/samples.js';
import { type Clock, createManualClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { createReplayNotifier } from '../replay/replay-notifier.js';
import { replaySettings } from '../replay/replay-settings.js';
import { createCostService } from '../services/cost-service.js';
import { openStore } from '../store/open-store.js';
import { type BenchResult, benchResult, round } from './bench-result.js';
import { syntheticGateway } from './synthetic-gateway.js';

const HOUR = 3_600_000;
const POLL_MS = 60_000;
const NOW = new Date('2026-11-10T12:05:00.000Z');

/**
 * The hourly job at `pods` pods on a SQLite file, 60 s polls: 85 minutes of samples 48 hours old,
 * so one run folds an hour and deletes the raw samples past their 48 hours. Measures its wall time
 * and the longest event-loop block while it runs (a timer every millisecond notes the gaps).
 */
export async function benchFold(clock: Clock, pods: number): Promise<BenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podwarden-bench-fold-'));
  const store = await openStore({ kind: 'sqlite', path: path.join(dir, 'fold.db') }, silentLogger);
  try {
    const from = NOW.getTime() - 48 * HOUR - 80 * 60_000;
    let samples = 0;
    for (let at = from; at < NOW.getTime() - 48 * HOUR + 5 * 60_000; at += POLL_MS) {
      const poll: PodSample[] = Array.from({ length: pods }, (_, p) => ({
        podId: `fold${p}`,
        podName: `pod-${p}`,
        at: new Date(at),
        status: 'RUNNING',
        ownerId: p % 3 === 0 ? null : 'U02ALICE',
        costPerHr: 1.64,
        gpuCount: 1,
        gpuUtil: [p % 2 === 0 ? 0 : 60],
        gpuMem: [20],
        cpuPercent: 5,
        memoryPercent: 20,
        uptimeSeconds: 3_600,
        hasRuntime: true,
        volumeInGb: 100,
        containerDiskInGb: 50,
      }));
      await store.insertSamples(poll);
      samples += poll.length;
    }
    const virtual = createManualClock(NOW);
    const cost = createCostService({
      gateway: syntheticGateway(virtual, 1),
      store,
      notifier: createReplayNotifier().notifier,
      chart: { renderSpendChart: async () => new Uint8Array() },
      clock: virtual,
      settings: replaySettings({ POLL_INTERVAL: `${POLL_MS / 1000}s` }),
      logger: silentLogger,
    });
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 1);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const report = await cost.rollup();
    const foldMs = performance.now() - started;
    delay.disable();
    clearInterval(timer);
    longestGap = Math.max(longestGap, performance.now() - last);
    return benchResult(
      clock,
      {
        topic: 'poll',
        name: `fold-${pods}pods-sqlite`,
        measures: `ms of the hourly job at ${pods} pods (60 s polls, SQLite file): one hour folded into aggregates, raw samples past 48 hours deleted; and the longest event-loop block while it ran`,
      },
      {
        pods,
        rawSamples: samples,
        aggregates: report.aggregates,
        foldMs: round(foldMs, 1),
        eventLoopMaxBlockMs: round(longestGap, 1),
        eventLoopDelayMaxMs: round(delay.max / 1e6, 1),
      },
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
