import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PodSample } from '../../../src/domain/samples.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { bufferStore } from '../../../src/replay/buffered-store.js';
import { generateSampleTrace } from '../../../src/replay/generate-traces.js';
import { parseTrace } from '../../../src/replay/parse-trace.js';
import { runPodwarden } from '../../../src/replay/run-podwarden.js';
import { openStore } from '../../../src/store/open-store.js';

const sample = (podId: string, minute: number, util: number): PodSample => ({
  podId,
  podName: `${podId}-name`,
  at: new Date(Date.UTC(2026, 10, 2, 8, minute)),
  status: 'RUNNING',
  ownerId: 'U01ALICE',
  costPerHr: 1.64,
  gpuCount: 1,
  gpuUtil: [util],
  gpuMem: [40],
  cpuPercent: 2,
  memoryPercent: null,
  uptimeSeconds: minute * 60,
  hasRuntime: true,
  volumeInGb: null,
  containerDiskInGb: null,
});

describe('bufferStore', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it('answers recent samples like the store and leaves every sample and sighting in the store', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'podwarden-buffer-'));
    const file = path.join(dir, 'replay.db');
    const buffered = await bufferStore(await openStore({ kind: 'sqlite', path: file }, silentLogger));
    for (let minute = 0; minute < 5; minute++) {
      await buffered.insertSamples([sample('b', minute, minute), sample('a', minute, 50)]);
      const at = new Date(Date.UTC(2026, 10, 2, 8, minute));
      await buffered.upsertPodSeen({
        podId: 'a',
        podName: 'a-name',
        lastStatus: 'RUNNING',
        lastSeenAt: at,
        runningSince: null,
      });
    }
    const from = new Date(Date.UTC(2026, 10, 2, 8, 2));
    const to = new Date(Date.UTC(2026, 10, 2, 8, 4));
    const fromMemory = await buffered.listSamples(null, from, to);
    expect(fromMemory.map((s) => [s.at.getUTCMinutes(), s.podId])).toEqual([
      [2, 'a'],
      [2, 'b'],
      [3, 'a'],
      [3, 'b'],
    ]);
    await buffered.close();

    const reopened = await openStore({ kind: 'sqlite', path: file }, silentLogger);
    try {
      expect(await reopened.listSamples(null, from, to)).toEqual(fromMemory);
      expect((await reopened.listSamples(null, new Date(0), new Date(Date.UTC(2030, 0)))).length).toBe(10);
      expect((await reopened.getPodSeen('a'))?.lastSeenAt.getUTCMinutes()).toBe(4);
    } finally {
      await reopened.close();
    }
  });

  it('changes nothing in a replay: the same prompts and stops as with every call going to SQLite', async () => {
    const parsed = parseTrace('sample', generateSampleTrace());
    if (!parsed.ok) throw new Error(parsed.error.message);
    const plain = await runPodwarden(parsed.value.trace, { buffered: false });
    const buffered = await runPodwarden(parsed.value.trace, { buffered: true });
    const decisions = (run: typeof plain) => ({
      stops: [...run.stops],
      prompts: run.promptLog.map((p) => [p.atMs, p.podId]),
    });
    expect(decisions(buffered)).toEqual(decisions(plain));
    expect(plain.stops.size).toBeGreaterThan(0);
  });
});
