import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/lib/logger.js';
import { createQuietHistories } from '../../../../src/services/idle/quiet-histories.js';
import type { Store } from '../../../../src/services/ports.js';
import { openStore } from '../../../../src/store/open-store.js';
import { aSample, at } from '../../../integration/store/store-fixtures.js';

const rule = { gpuUtilMax: 5, cpuBusyPercent: 30 };

describe('quiet histories read from the store', () => {
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
    // A server busy one minute in 25 for five hours, then quiet for an hour.
    for (let minute = 0; minute < 360; minute++) {
      const busy = minute < 300 && minute % 25 === 0;
      await store.insertSamples([aSample({ podId: 'api', at: at(minute), gpuUtil: [busy ? 60 : 0, 0] })]);
    }
  });
  afterEach(async () => {
    await store.close();
  });

  it('reads a pod’s last day once per quiet stretch, and anew after it was forgotten', async () => {
    const histories = createQuietHistories(counted, rule, silentLogger);
    const first = await histories.of('api', at(360));
    expect(first?.comebacks).toHaveLength(11);
    expect(first?.quietSince).toEqual(at(276));
    expect(await histories.of('api', at(361))).toBe(first);
    expect(reads).toBe(1);
    histories.forget('api');
    await histories.of('api', at(362));
    expect(reads).toBe(2);
  });

  it('keeps only the pods it is told to retain: a terminated pod is not kept forever', async () => {
    const histories = createQuietHistories(counted, rule, silentLogger);
    await histories.of('api', at(360));
    histories.retain(new Set(['api']));
    await histories.of('api', at(361));
    expect(reads).toBe(1);
    histories.retain(new Set(['other']));
    await histories.of('api', at(362));
    expect(reads).toBe(2);
  });

  it('a store that cannot be read gives no history: the rule then says nothing', async () => {
    const broken = {
      listSamples: async () => {
        throw new Error('database is locked');
      },
    };
    const histories = createQuietHistories(broken, rule, silentLogger);
    expect(await histories.of('api', at(360))).toBeNull();
  });

  it('a pod without stored samples has no comebacks and no quiet stretch', async () => {
    const histories = createQuietHistories(store, rule, silentLogger);
    expect(await histories.of('other', at(360))).toEqual({
      comebacks: [],
      quietSince: null,
      busyShareBefore: null,
    });
  });
});
