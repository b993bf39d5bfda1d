import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../lib/clock.js';
import { BENCH_TRACE_SPECS } from '../replay/bench-trace-specs.js';
import { writeTraces } from '../replay/generate-traces.js';
import { NEW_TRACE_SPECS } from '../replay/new-trace-specs.js';
import { POLICY_IDS } from '../replay/policy-run.js';
import { describeReplayError, replayFiles } from '../replay/replay-traces.js';
import type { ReplayResult } from '../replay/score-run.js';
import type { TraceSpec } from '../replay/trace-spec.js';
import { type BenchResult, benchResult, round } from './bench-result.js';

const EIGHT_TRACES = {
  name: 'eight-traces',
  specs: BENCH_TRACE_SPECS,
  measures: `wall time to read, replay (podwarden's real idle service on a virtual clock, and the silent stoppers) and score the eight multi-day traces`,
};

/** The traces added after the idle signals were tuned: owners in other time zones, a weekend, repeat keepers, stray requests. */
export const NEW_TRACES = {
  name: 'new-traces',
  specs: NEW_TRACE_SPECS,
  measures: `the idle replay on the traces added after the idle signals were tuned (owners in Tokyo and Los Angeles, a weekend, owners who keep again and again, servers answering stray requests at night): results and totals per policy`,
};

/** CONTRACT.md: eight multi-day traces replay in under 30 seconds. */
export const REPLAY_BUDGET_SECONDS = 30;

function totals(results: readonly ReplayResult[]) {
  return Object.fromEntries(
    POLICY_IDS.map((policy) => {
      const mine = results.filter((r) => r.policy === policy);
      const sum = (
        key:
          | 'idleUsd'
          | 'keptIdleUsd'
          | 'idleGpuHours'
          | 'wrongfulStops'
          | 'prompts'
          | 'falsePrompts'
          | 'stops',
      ) =>
        round(
          mine.reduce((total, r) => total + r[key], 0),
          2,
        );
      return [
        policy,
        {
          idleUsd: sum('idleUsd'),
          keptIdleUsd: sum('keptIdleUsd'),
          idleGpuHours: sum('idleGpuHours'),
          wrongfulStops: sum('wrongfulStops'),
          prompts: sum('prompts'),
          falsePrompts: sum('falsePrompts'),
          stops: sum('stops'),
        },
      ];
    }),
  );
}

/**
 * The idle benchmark: the eight seeded multi-day traces are generated into a temporary folder
 * (not timed), then read, replayed under every policy and scored as `npm run replay` does (timed).
 */
export async function benchReplay(
  clock: Clock,
  set: { name: string; specs: readonly TraceSpec[]; measures: string } = EIGHT_TRACES,
): Promise<BenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podwarden-traces-'));
  try {
    const generateStarted = performance.now();
    const traces = await writeTraces(dir, set.specs);
    const generateSeconds = (performance.now() - generateStarted) / 1000;

    const started = performance.now();
    const replayed = await replayFiles(
      traces.map((t) => t.file),
      () => {},
    );
    const wallSeconds = (performance.now() - started) / 1000;
    if (!replayed.ok) throw new Error(describeReplayError(replayed.error));

    return benchResult(
      clock,
      {
        topic: 'replay',
        name: set.name,
        measures: set.measures,
      },
      {
        traces: traces.length,
        wallSeconds: round(wallSeconds, 2),
        budgetSeconds: REPLAY_BUDGET_SECONDS,
        withinBudget: wallSeconds < REPLAY_BUDGET_SECONDS,
        generateSeconds: round(generateSeconds, 2),
        totals: totals(replayed.value),
        results: replayed.value,
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
