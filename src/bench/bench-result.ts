import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../lib/clock.js';

/** The topics of CONTRACT.md: results are written to bench/results/<topic>-<name>.json. */
export type BenchTopic = 'ack' | 'poll' | 'digest' | 'memory' | 'replay';

export type BenchResult = {
  topic: BenchTopic;
  name: string;
  /** What was measured, in one sentence. */
  measures: string;
  /** ISO time the benchmark finished. */
  ranAt: string;
  node: string;
  [metric: string]: unknown;
};

/** The p-th percentile (0–100) by nearest rank; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}

export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Milliseconds statistics of a series of timings. */
export function timings(values: readonly number[]) {
  const stat = (p: number) => {
    const v = percentile(values, p);
    return v === null ? null : round(v, 2);
  };
  return {
    samples: values.length,
    p50Ms: stat(50),
    p95Ms: stat(95),
    maxMs: stat(100),
    meanMs: values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length, 2),
  };
}

export function benchResult(
  clock: Clock,
  head: { topic: BenchTopic; name: string; measures: string },
  metrics: Record<string, unknown>,
): BenchResult {
  // The machine is shared: its load when the result was taken says how far to trust the figures.
  const machine = { cpus: os.cpus().length, loadAvg: os.loadavg().map((l) => round(l, 2)) };
  return { ...head, ranAt: clock.now().toISOString(), node: process.version, machine, ...metrics };
}

export async function writeBenchResult(dir: string, result: BenchResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${result.topic}-${result.name}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
