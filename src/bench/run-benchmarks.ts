import type { Clock } from '../lib/clock.js';
import { benchAckCommand } from './bench-ack.js';
import { benchAckListLoad } from './bench-ack-load.js';
import { benchDigestBuild } from './bench-digest.js';
import { benchDigestAtScale } from './bench-digest-scale.js';
import { benchFold } from './bench-fold.js';
import { benchMemory } from './bench-memory.js';
import { benchPoll } from './bench-poll.js';
import { benchPollAtScale, benchPollScaling } from './bench-poll-scale.js';
import { benchReplay, NEW_TRACES } from './bench-replay.js';
import { type BenchResult, type BenchTopic, writeBenchResult } from './bench-result.js';

export type Benchmark = { topic: BenchTopic; name: string; run(clock: Clock): Promise<BenchResult> };

export const BENCHMARKS: readonly Benchmark[] = [
  { topic: 'ack', name: 'command', run: benchAckCommand },
  { topic: 'ack', name: 'list-c50', run: benchAckListLoad },
  { topic: 'poll', name: '50pods', run: (clock) => benchPoll(clock, 50) },
  { topic: 'poll', name: '500pods', run: (clock) => benchPoll(clock, 500) },
  { topic: 'poll', name: '5000pods-sqlite', run: (clock) => benchPollAtScale(clock, 5_000, 'sqlite') },
  { topic: 'poll', name: '5000pods-postgres', run: (clock) => benchPollAtScale(clock, 5_000, 'postgres') },
  { topic: 'poll', name: 'scaling', run: benchPollScaling },
  { topic: 'poll', name: 'fold-5000pods-sqlite', run: (clock) => benchFold(clock, 5_000) },
  { topic: 'digest', name: 'build', run: benchDigestBuild },
  { topic: 'digest', name: '90d-200pods', run: (clock) => benchDigestAtScale(clock, 90, 200) },
  { topic: 'memory', name: 'rss', run: (clock) => benchMemory(clock) },
  { topic: 'replay', name: 'eight-traces', run: (clock) => benchReplay(clock) },
  { topic: 'replay', name: 'new-traces', run: (clock) => benchReplay(clock, NEW_TRACES) },
];

export type BenchIo = { out(line: string): void; err(line: string): void };

/** Benchmarks whose topic or `<topic>-<name>` is among `filters` (all when none). */
export function selectBenchmarks(
  filters: readonly string[],
  benchmarks: readonly Benchmark[] = BENCHMARKS,
): Benchmark[] {
  if (filters.length === 0) return [...benchmarks];
  return benchmarks.filter((b) => filters.includes(b.topic) || filters.includes(`${b.topic}-${b.name}`));
}

/**
 * `npm run bench [topic|topic-name]…`: runs the benchmarks one after the other, prints each result
 * as one JSON line and writes it to `<resultsDir>/<topic>-<name>.json`. Returns the exit status:
 * 1 when a filter matches nothing or a benchmark fails (the others still run).
 */
export async function runBenchmarks(
  filters: readonly string[],
  options: { clock: Clock; resultsDir: string; io: BenchIo; benchmarks?: readonly Benchmark[] },
): Promise<number> {
  const benchmarks = options.benchmarks ?? BENCHMARKS;
  const selected = selectBenchmarks(filters, benchmarks);
  if (selected.length === 0) {
    const known = benchmarks.map((b) => `${b.topic}-${b.name}`).join(', ');
    options.io.err(`bench: nothing matches ${filters.join(' ')}; known: ${known}`);
    return 1;
  }
  let status = 0;
  for (const benchmark of selected) {
    try {
      const result = await benchmark.run(options.clock);
      await writeBenchResult(options.resultsDir, result);
      options.io.out(JSON.stringify(result));
    } catch (error) {
      status = 1;
      const reason = error instanceof Error ? error.message : String(error);
      options.io.err(`bench: ${benchmark.topic}-${benchmark.name} failed: ${reason}`);
    }
  }
  return status;
}
