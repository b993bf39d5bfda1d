import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchResult, percentile, timings } from '../../../src/bench/bench-result.js';
import { type Benchmark, runBenchmarks, selectBenchmarks } from '../../../src/bench/run-benchmarks.js';
import { createManualClock } from '../../../src/lib/clock.js';

const clock = createManualClock('2026-11-02T10:00:00Z');

const fake = (topic: Benchmark['topic'], name: string, fail = false): Benchmark => ({
  topic,
  name,
  async run(c) {
    if (fail) throw new Error('simulator did not start');
    return benchResult(c, { topic, name, measures: 'a fake' }, { ...timings([3, 1, 2]) });
  },
});

describe('bench statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 100)).toBe(20);
    expect(percentile([], 50)).toBeNull();
    expect(timings([4, 1, 3, 2])).toEqual({ samples: 4, p50Ms: 2, p95Ms: 4, maxMs: 4, meanMs: 2.5 });
  });
});

describe('npm run bench', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it('lists every contract topic, and filters by topic or topic-name', () => {
    const all = selectBenchmarks([]);
    expect(new Set(all.map((b) => b.topic))).toEqual(new Set(['ack', 'poll', 'digest', 'memory', 'replay']));
    expect(selectBenchmarks(['poll']).map((b) => b.name)).toEqual([
      '50pods',
      '500pods',
      '5000pods-sqlite',
      '5000pods-postgres',
      'scaling',
      'fold-5000pods-sqlite',
    ]);
    expect(selectBenchmarks(['replay-eight-traces']).map((b) => b.topic)).toEqual(['replay']);
  });

  it('prints one JSON line per result and writes bench/results/<topic>-<name>.json; a failure is exit 1', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'podwarden-bench-'));
    const out: string[] = [];
    const err: string[] = [];
    const status = await runBenchmarks([], {
      clock,
      resultsDir: dir,
      io: { out: (l) => out.push(l), err: (l) => err.push(l) },
      benchmarks: [fake('ack', 'command'), fake('poll', 'broken', true), fake('digest', 'build')],
    });
    expect(status).toBe(1);
    expect(err).toEqual(['bench: poll-broken failed: simulator did not start']);
    expect(out.map((l) => (JSON.parse(l) as { topic: string }).topic)).toEqual(['ack', 'digest']);
    expect((await readdir(dir)).sort()).toEqual(['ack-command.json', 'digest-build.json']);
    const written = JSON.parse(await readFile(path.join(dir, 'ack-command.json'), 'utf8'));
    expect(written).toMatchObject({
      topic: 'ack',
      name: 'command',
      ranAt: '2026-11-02T10:00:00.000Z',
      p50Ms: 2,
    });
  });

  it('refuses a filter that matches nothing', async () => {
    const err: string[] = [];
    const status = await runBenchmarks(['speed'], {
      clock,
      resultsDir: '/nonexistent',
      io: { out: () => {}, err: (l) => err.push(l) },
    });
    expect(status).toBe(1);
    expect(err.join('')).toMatch(/nothing matches speed; known: ack-command, ack-list-c50, poll-50pods/);
  });
});
