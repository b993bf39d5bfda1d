import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PodSample } from '../../../../src/domain/samples.js';
import { silentLogger } from '../../../../src/lib/logger.js';
import { createRecentSamples } from '../../../../src/services/idle/recent-samples.js';
import type { Store } from '../../../../src/services/ports.js';
import { openStore } from '../../../../src/store/open-store.js';
import { aSample, at } from '../../../integration/store/store-fixtures.js';

const MINUTE = 60_000;

/** What the idle flow read before: the store's samples of the window, grouped by pod. */
async function fromStore(store: Store, from: Date, to: Date): Promise<Map<string, PodSample[]>> {
  const byPod = new Map<string, PodSample[]>();
  for (const sample of await store.listSamples(null, from, to)) {
    byPod.set(sample.podId, [...(byPod.get(sample.podId) ?? []), sample]);
  }
  return byPod;
}

const poll = (minute: number, pods: readonly string[]): PodSample[] =>
  pods.map((podId, i) => aSample({ podId, at: at(minute), gpuUtil: [(minute + i) % 7, 0] }));

describe('recent samples in memory', () => {
  let store: Store;
  let reads: number;
  let counted: Store;

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, silentLogger);
    reads = 0;
    counted = {
      ...store,
      listSamples: (...args) => {
        reads++;
        return store.listSamples(...args);
      },
    };
  });
  afterEach(async () => {
    await store.close();
  });

  it('loads the window from the store once, then answers what the store would, as pods come and go', async () => {
    const recent = createRecentSamples(counted, MINUTE);
    // What an earlier run left in the store: 40 minutes of three pods.
    for (let minute = 0; minute < 40; minute++) await store.insertSamples(poll(minute, ['a', 'b', 'c']));

    const windowMs = 32 * MINUTE;
    for (let minute = 40; minute < 100; minute++) {
      // Pod b disappears at minute 60, pod d appears at minute 70.
      const pods = ['a', ...(minute < 60 ? ['b'] : []), 'c', ...(minute >= 70 ? ['d'] : [])];
      const samples = poll(minute, pods);
      await store.insertSamples(samples);
      recent.add(samples);
      const from = new Date(at(minute).getTime() - windowMs);
      const to = new Date(at(minute).getTime() + 1);
      expect(await recent.byPod(from, to)).toEqual(await fromStore(store, from, to));
    }
    // One load of 33 one-minute slices at the first poll, nothing after.
    expect(reads).toBe(33);
  });

  it('reloads when asked about earlier samples than it holds, and ignores samples before its window', async () => {
    const recent = createRecentSamples(counted, 10 * MINUTE);
    for (let minute = 0; minute < 30; minute++) await store.insertSamples(poll(minute, ['a']));
    expect((await recent.byPod(at(20), at(30))).get('a')).toHaveLength(10);
    const readsAfterLoad = reads;

    recent.add([aSample({ podId: 'a', at: at(5) })]);
    expect((await recent.byPod(at(20), at(30))).get('a')).toHaveLength(10);
    expect(reads).toBe(readsAfterLoad);

    expect(await recent.byPod(at(0), at(30))).toEqual(await fromStore(store, at(0), at(30)));
    expect(reads).toBeGreaterThan(readsAfterLoad);
  });

  it('hands out copies of its lists: a caller changing one changes nothing it holds', async () => {
    const recent = createRecentSamples(counted, MINUTE);
    const samples = poll(0, ['a']);
    await store.insertSamples(samples);
    const first = await recent.byPod(at(0), at(1));
    first.get('a')?.splice(0);
    expect((await recent.byPod(at(0), at(1))).get('a')).toHaveLength(1);
  });
});
