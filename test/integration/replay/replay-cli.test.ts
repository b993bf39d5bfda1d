import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runReplayCli } from '../../../src/replay/replay-cli.js';

const SAMPLE = fileURLToPath(new URL('../../../bench/traces/sample.jsonl', import.meta.url));
const KEYS = [
  'trace',
  'policy',
  'idleGpuHours',
  'idleUsd',
  'keptIdleUsd',
  'wrongfulStops',
  'prompts',
  'falsePrompts',
  'stops',
  'medianMinutesIdleToStop',
];

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runReplayCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err: err.join('\n') };
}

describe('npm run replay', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it('prints one JSON line per policy for the sample trace, in the public shape', async () => {
    const { status, out, err } = await run([SAMPLE]);
    expect(err).toBe('');
    expect(status).toBe(0);
    const lines = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.policy)).toEqual(['none', 'runpod-monitor', 'silent-30m', 'podwarden']);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(KEYS);
      expect(line.trace).toBe('sample');
      for (const key of [
        'idleGpuHours',
        'idleUsd',
        'keptIdleUsd',
        'wrongfulStops',
        'prompts',
        'falsePrompts',
        'stops',
      ]) {
        expect(typeof line[key]).toBe('number');
      }
      expect(line.medianMinutesIdleToStop === null || typeof line.medianMinutesIdleToStop === 'number').toBe(
        true,
      );
    }
    const [none, , silent, podwarden] = lines;
    // The sample's story: podwarden asks before each stop, saves money, and stops no busy pod;
    // a silent 30-minute stopper saves more and kills a training run in a CPU-bound phase.
    expect(none).toMatchObject({ stops: 0, prompts: 0, medianMinutesIdleToStop: null });
    expect(podwarden).toMatchObject({ stops: 3, prompts: 3, wrongfulStops: 0, falsePrompts: 0 });
    expect(Number(podwarden?.idleUsd)).toBeLessThan(Number(none?.idleUsd));
    expect(silent).toMatchObject({ wrongfulStops: 1 });
  });

  it('exits 1 with the file and line of a malformed trace, and with usage when given nothing', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'podwarden-replay-'));
    const bad = path.join(dir, 'bad.jsonl');
    await writeFile(bad, '{"start":"2026-11-02T00:00:00Z","step":"60s"}\n{"t":0,"pod":"a"}\n');
    const malformed = await run([bad]);
    expect(malformed.status).toBe(1);
    expect(malformed.out).toEqual([]);
    expect(malformed.err).toMatch(/^replay: .*bad\.jsonl:2: /);

    const missing = await run([path.join(dir, 'nope.jsonl')]);
    expect(missing.status).toBe(1);
    expect(missing.err).toMatch(/cannot read .*nope\.jsonl/);

    const empty = await run([]);
    expect(empty.status).toBe(1);
    expect(empty.err).toMatch(/usage: npm run replay/);
  });
});
