import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { PodSample } from '../domain/samples.js';
import { type Clock, createManualClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { createReplayNotifier } from '../replay/replay-notifier.js';
import { replaySettings } from '../replay/replay-settings.js';
import { createIdleService } from '../services/idle-service.js';
import type { ChartRenderer, Store } from '../services/ports.js';
import { idleMessages } from '../slack/blocks/idle-messages.js';
import { type BenchResult, benchResult, round, timings } from './bench-result.js';
import { type BenchStoreKind, openBenchStore } from './bench-store.js';
import { syntheticGateway } from './synthetic-gateway.js';

const MB = 1024 * 1024;
/** Evening: two pods in three are idle (synthetic-gateway.ts), so the idle flow has work. */
const START = new Date('2026-11-02T20:00:00.000Z');
const OWNERS = ['U02ALICE', 'U03BOB', null];

const noChart: ChartRenderer = {
  async renderSpendChart() {
    return new Uint8Array();
  },
};

export type TickRun = {
  pods: number;
  store: BenchStoreKind;
  pollMs: number;
  ticks: number;
  /** Per tick: wall ms of the poll, the longest event-loop block in it, ms of the baseline write. */
  tickMs: number[];
  loopMaxMs: number[];
  baselineMs: number[];
  prompts: number;
  failedTicks: number;
  rssMB: number;
};

/** Wraps the store so that each poll's samples can be written again elsewhere, as the baseline. */
function capturing(store: Store): { store: Store; last(): PodSample[] } {
  let last: PodSample[] = [];
  return {
    store: {
      ...store,
      async insertSamples(samples) {
        last = samples;
        await store.insertSamples(samples);
      },
    },
    last: () => last,
  };
}

/**
 * `ticks` polls of `pods` pods through the real idle service on a real store, the RunPod side an
 * in-process synthetic account (so that only podwarden's own work is timed). After each tick the
 * same samples are written to a second, empty store of the same kind: the floor of a tick, one
 * multi-row write of one sample per pod, measured under the same load.
 */
export async function runTicks(options: {
  pods: number;
  store: BenchStoreKind;
  pollMs: number;
  ticks: number;
}): Promise<TickRun> {
  const main = await openBenchStore(options.store);
  const floor = await openBenchStore(options.store);
  try {
    const virtual = createManualClock(START);
    const captured = capturing(main.store);
    const idle = createIdleService({
      gateway: syntheticGateway(virtual, options.pods),
      store: captured.store,
      notifier: createReplayNotifier().notifier,
      chart: noChart,
      clock: virtual,
      settings: replaySettings({ POLL_INTERVAL: `${options.pollMs / 1000}s` }),
      logger: silentLogger,
    });
    for (let i = 0; i < options.pods; i++) {
      const owner = OWNERS[i % OWNERS.length];
      if (owner) await main.store.setOwner(`synth${String(i).padStart(4, '0')}`, owner, 'bench', START);
    }
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const run: TickRun = {
      ...options,
      tickMs: [],
      loopMaxMs: [],
      baselineMs: [],
      prompts: 0,
      failedTicks: 0,
      rssMB: 0,
    };
    for (let tick = 0; tick < options.ticks; tick++) {
      virtual.advance(options.pollMs);
      delay.reset();
      delay.enable();
      const started = performance.now();
      const report = await idle.poll(idleMessages);
      run.tickMs.push(performance.now() - started);
      delay.disable();
      run.loopMaxMs.push(delay.max / 1e6);
      if (report.ok) run.prompts += report.prompts;
      else run.failedTicks++;

      const baselineStarted = performance.now();
      await floor.store.insertSamples(captured.last());
      run.baselineMs.push(performance.now() - baselineStarted);
    }
    run.rssMB = round(process.memoryUsage().rss / MB, 0);
    return run;
  } finally {
    await main.close();
    await floor.close();
  }
}

const median = (values: readonly number[]): number => timings(values).p50Ms ?? 0;

/**
 * One poll tick at `pods` pods on SQLite or Postgres, 60 s polls: the ticks after the idle window
 * (30 min) has filled against the first ones, and against the baseline write of the same samples.
 */
export async function benchPollAtScale(
  clock: Clock,
  pods: number,
  store: BenchStoreKind,
): Promise<BenchResult> {
  const pollMs = 60_000;
  // The window is full from tick 31 on, when a third of the pods get their prompt at once; steady
  // ticks follow that burst (and come before the reminders, 15 minutes later).
  const run = await runTicks({ pods, store, pollMs, ticks: 44 });
  const early = run.tickMs.slice(1, 6);
  const steady = run.tickMs.slice(35);
  return benchResult(
    clock,
    {
      topic: 'poll',
      name: `${pods}pods-${store}`,
      measures: `ms per poll tick for ${pods} pods on ${store} (60 s polls, idle window full), podwarden's own work: samples and sightings stored, idle window, idle flow; baseline: one multi-row write of the same samples into an empty ${store} store`,
    },
    {
      pods,
      store,
      pollIntervalSeconds: pollMs / 1000,
      ...timings(steady),
      firstTick: round(run.tickMs[0] ?? 0, 1),
      windowFilling: timings(early),
      steadyOverFilling: round(median(steady) / Math.max(0.001, median(early)), 2),
      eventLoopMaxBlockMs: round(Math.max(...run.loopMaxMs.slice(1)), 1),
      /** Half the ticks block the event loop no longer than this at their worst moment. */
      eventLoopTickMaxBlockP50Ms: round(median(run.loopMaxMs.slice(1)), 1),
      eventLoopMaxBlockFirstTickMs: round(run.loopMaxMs[0] ?? 0, 1),
      baseline: {
        measures: 'one multi-row write of the tick’s samples into an empty store',
        ...timings(run.baselineMs.slice(35)),
      },
      ratio: round(median(steady) / Math.max(0.001, median(run.baselineMs.slice(35))), 2),
      prompts: run.prompts,
      failedTicks: run.failedTicks,
      rssMB: run.rssMB,
    },
  );
}

/**
 * How a tick grows with pods (500, 5,000, 20,000 on SQLite; the exponent of a power-law fit
 * through the steady medians) and with the idle window at 10 s polls (500 pods, 190 ticks).
 */
export async function benchPollScaling(clock: Clock): Promise<BenchResult> {
  const sizes = [500, 5_000, 20_000];
  const points: Record<string, unknown>[] = [];
  const medians: number[] = [];
  for (const pods of sizes) {
    const run = await runTicks({ pods, store: 'sqlite', pollMs: 60_000, ticks: 38 });
    const steady = run.tickMs.slice(35);
    medians.push(median(steady));
    points.push({
      pods,
      ...timings(steady),
      eventLoopMaxBlockMs: round(Math.max(...run.loopMaxMs.slice(1)), 1),
      eventLoopTickMaxBlockP50Ms: round(median(run.loopMaxMs.slice(1)), 1),
      baselineP50Ms: round(median(run.baselineMs.slice(35)), 2),
      rssMB: run.rssMB,
    });
  }
  const first = medians[0] ?? 1;
  const last = medians.at(-1) ?? 1;
  const exponent = Math.log(last / first) / Math.log((sizes.at(-1) ?? 1) / (sizes[0] ?? 1));

  // Full from tick 181 on (the prompt burst); measured after it.
  const windowRun = await runTicks({ pods: 500, store: 'sqlite', pollMs: 10_000, ticks: 200 });
  const filling = windowRun.tickMs.slice(1, 11);
  const full = windowRun.tickMs.slice(188);
  return benchResult(
    clock,
    {
      topic: 'poll',
      name: 'scaling',
      measures:
        'steady poll tick (ms) on SQLite at 500, 5,000 and 20,000 pods with the exponent of t ∝ pods^k; and 500 pods at 10 s polls as the 30-minute idle window fills (181 samples per pod)',
    },
    {
      byPods: points,
      exponent: round(exponent, 2),
      window10s: {
        pods: 500,
        pollIntervalSeconds: 10,
        filling: timings(filling),
        full: timings(full),
        fullOverFilling: round(median(full) / Math.max(0.001, median(filling)), 2),
        eventLoopMaxBlockMs: round(Math.max(...windowRun.loopMaxMs.slice(1)), 1),
      },
    },
  );
}
