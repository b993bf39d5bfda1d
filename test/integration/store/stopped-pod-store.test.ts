/**
 * The stopped-pod part of the Store, on SQLite and (when reachable) Postgres: a stretch is tracked
 * once, its nudge is claimed by exactly one of several store instances, a snooze allows exactly one
 * more, and a stretch that ends is forgotten.
 */
import { expect, it } from 'vitest';
import type { StoppedStretch } from '../../../src/domain/stopped-nudge.js';
import type { Store } from '../../../src/services/ports.js';
import { onBothStores } from '../../support/store-pair.js';
import { at, T0 } from './store-fixtures.js';

const stretch = (overrides: Partial<StoppedStretch> = {}): StoppedStretch => ({
  podId: 'pod-a',
  podName: 'dataset-prep',
  since: at(-600),
  sinceExact: true,
  nudgedAt: null,
  snoozedUntil: null,
  snoozedBy: null,
  ...overrides,
});

function contract(openTwo: () => Promise<[Store, Store]>): void {
  it('tracks a stretch once: a second open keeps the first since', async () => {
    const [store] = await openTwo();
    await store.openStoppedStretch(stretch());
    await store.openStoppedStretch(stretch({ since: at(-5), sinceExact: false }));
    expect(await store.listStoppedStretches()).toEqual([stretch()]);
  });

  it('lets exactly one replica claim a due nudge; a snooze allows exactly one more, after it', async () => {
    const [a, b] = await openTwo();
    await a.openStoppedStretch(stretch());
    const claims = await Promise.all([
      a.claimStoppedNudge('pod-a', at(-600), T0),
      b.claimStoppedNudge('pod-a', at(-600), T0),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.claimStoppedNudge('pod-a', at(-600), at(10))).toBe(false);
    // A claim for another stretch of the pod (a stale since) never succeeds.
    expect(await a.claimStoppedNudge('pod-a', at(-5), at(10))).toBe(false);

    const snoozed = await b.snoozeStoppedNudge('pod-a', at(60), 'U_ALICE');
    expect(snoozed).toEqual(stretch({ nudgedAt: T0, snoozedUntil: at(60), snoozedBy: 'U_ALICE' }));
    expect(await a.claimStoppedNudge('pod-a', at(-600), at(59))).toBe(false);
    const again = await Promise.all([
      a.claimStoppedNudge('pod-a', at(-600), at(60)),
      b.claimStoppedNudge('pod-a', at(-600), at(60)),
    ]);
    expect(again.filter(Boolean)).toHaveLength(1);
    expect(await a.listStoppedStretches()).toEqual([stretch({ nudgedAt: at(60) })]);
  });

  it('gives a claim back as it was, and only that claim', async () => {
    const [store] = await openTwo();
    const before = stretch({ nudgedAt: T0, snoozedUntil: at(60), snoozedBy: 'U_BOB' });
    await store.openStoppedStretch(before);
    expect(await store.claimStoppedNudge('pod-a', at(-600), at(61))).toBe(true);
    await store.releaseStoppedNudge(before, at(99));
    expect((await store.listStoppedStretches())[0]?.nudgedAt).toEqual(at(61));
    await store.releaseStoppedNudge(before, at(61));
    expect(await store.listStoppedStretches()).toEqual([before]);
  });

  it('snoozes only a nudged stretch, and forgets ended ones', async () => {
    const [store] = await openTwo();
    await store.openStoppedStretch(stretch());
    await store.openStoppedStretch(stretch({ podId: 'pod-b', podName: 'old-box' }));
    expect(await store.snoozeStoppedNudge('pod-a', at(60), 'U_ALICE')).toBeNull();
    expect(await store.snoozeStoppedNudge('pod-z', at(60), 'U_ALICE')).toBeNull();
    await store.endStoppedStretches(['pod-a', 'pod-z']);
    await store.endStoppedStretches([]);
    expect((await store.listStoppedStretches()).map((s) => s.podId)).toEqual(['pod-b']);
  });
}

await onBothStores('stopped-pod store', contract);
