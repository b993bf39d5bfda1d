import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTrace } from '../../../src/replay/replay-traces.js';
import { runPodwarden } from '../../../src/replay/run-podwarden.js';
import { BUSY, IDLE, traceText } from './trace-text.js';

const MIN = 60_000;

describe("owners' time zones next to a trace", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'podwarden-zones-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Monday 12:00 UTC: busy for a bursty hour, then quiet. In UTC that is inside the default
  // working hours (ask after 90 min); in Los Angeles it is 04:00 (ask after 30 min).
  const bursty = Array.from(
    { length: 20 },
    (_, i) => [3, i % 3 === 0 ? BUSY : IDLE] as [number, typeof BUSY],
  );
  const text = traceText(
    [{ id: 'nb', owner: 'U01ALICE', stretches: [...bursty, [180, IDLE]] }],
    '2026-11-02T11:00:00Z',
  );

  it('without a zones file the owner has no zone; with one, the prompt follows the owner’s clock', async () => {
    const file = path.join(dir, 'lunch.jsonl');
    await writeFile(file, text);
    const plain = await readTrace(file);
    if (!plain.ok) throw new Error('trace must read');
    expect(plain.value.trace.ownerZones).toBeUndefined();
    const utc = await runPodwarden(plain.value.trace);

    await writeFile(path.join(dir, 'lunch.zones.json'), JSON.stringify({ U01ALICE: 'America/Los_Angeles' }));
    const zoned = await readTrace(file);
    if (!zoned.ok) throw new Error('trace must read');
    expect(zoned.value.trace.ownerZones?.get('U01ALICE')).toBe('America/Los_Angeles');
    const la = await runPodwarden(zoned.value.trace);

    const firstPrompt = (run: typeof utc) => (run.promptLog[0]?.atMs ?? 0) / MIN;
    expect(firstPrompt(la)).toBeLessThan(firstPrompt(utc));
  });

  it('a zones file with an unknown zone is an error naming the file', async () => {
    const file = path.join(dir, 'bad.jsonl');
    await writeFile(file, text);
    await writeFile(path.join(dir, 'bad.zones.json'), JSON.stringify({ U01ALICE: 'Mars/Olympus' }));
    const read = await readTrace(file);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).toMatchObject({ kind: 'invalid_trace', trace: path.join(dir, 'bad.zones.json') });
  });
});
