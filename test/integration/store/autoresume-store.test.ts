/**
 * The autoresume part of the Store, on SQLite and (when reachable) Postgres: flags per pod, one
 * trying run per pod, a due attempt claimed by exactly one of several store instances, and a claim
 * that only its holder can settle.
 */
import { expect, it } from 'vitest';
import type { AutoresumeRun } from '../../../src/domain/autoresume.js';
import type { Store } from '../../../src/services/ports.js';
import { onBothStores } from '../../support/store-pair.js';
import { at, T0 } from './store-fixtures.js';

const run = (overrides: Partial<AutoresumeRun> = {}): AutoresumeRun => ({
  podId: 'pod-s',
  podName: 'sdxl-spot',
  interruptedAt: T0,
  channel: 'D0ALICE',
  threadTs: '1700000000.000100',
  state: 'trying',
  attempts: 0,
  nextAt: T0,
  updatedAt: T0,
  ...overrides,
});

function contract(openTwo: () => Promise<[Store, Store]>): void {
  it('keeps one flag per pod: on, off, on again', async () => {
    const [store] = await openTwo();
    expect(await store.listAutoresume()).toEqual(new Set());
    await store.setAutoresume('pod-s', true, 'U_ALICE', T0);
    await store.setAutoresume('pod-t', true, 'U_BOB', T0);
    await store.setAutoresume('pod-t', false, 'U_BOB', at(1));
    expect(await store.listAutoresume()).toEqual(new Set(['pod-s']));
  });

  it('opens one trying run per pod; a finished run is replaced by the next interruption', async () => {
    const [a, b] = await openTwo();
    expect(await a.openAutoresumeRun(run())).toBe(true);
    expect(await b.openAutoresumeRun(run({ interruptedAt: at(5) }))).toBe(false);
    expect(await a.getAutoresumeRun('pod-s')).toEqual(run());
    expect(await a.claimAutoresumeRun('pod-s', T0, T0, at(5))).toBe(true);
    expect(
      await a.settleAutoresumeRun('pod-s', T0, {
        state: 'resumed',
        attempts: 1,
        nextAt: T0,
        updatedAt: at(1),
      }),
    ).toBe(true);
    expect(await a.listTryingAutoresumeRuns()).toEqual([]);
    expect(await b.openAutoresumeRun(run({ interruptedAt: at(60), nextAt: at(60), updatedAt: at(60) }))).toBe(
      true,
    );
    expect(await a.listTryingAutoresumeRuns()).toEqual([
      run({ interruptedAt: at(60), nextAt: at(60), updatedAt: at(60) }),
    ]);
  });

  it('lets exactly one replica claim a due attempt, holds it for the lease, and only the holder settles', async () => {
    const [a, b] = await openTwo();
    await a.openAutoresumeRun(run());
    expect(await a.claimAutoresumeRun('pod-s', T0, at(-1), at(4))).toBe(false); // not due yet
    const claims = await Promise.all([
      a.claimAutoresumeRun('pod-s', T0, at(1), at(6)),
      b.claimAutoresumeRun('pod-s', T0, at(1), at(6)),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The lease: nobody takes it again before it runs out, even with the new token.
    expect(await b.claimAutoresumeRun('pod-s', at(1), at(2), at(7))).toBe(false);
    expect(
      await b.settleAutoresumeRun('pod-s', at(2), {
        state: 'gave_up',
        attempts: 1,
        nextAt: at(2),
        updatedAt: at(2),
      }),
    ).toBe(false);
    expect(
      await a.settleAutoresumeRun('pod-s', at(1), {
        state: 'trying',
        attempts: 1,
        nextAt: at(3),
        updatedAt: at(1),
      }),
    ).toBe(true);
    expect(await a.getAutoresumeRun('pod-s')).toEqual(run({ attempts: 1, nextAt: at(3), updatedAt: at(1) }));
    // A claim that was never settled (the replica died) is due again after its lease.
    expect(await b.claimAutoresumeRun('pod-s', at(1), at(3), at(8))).toBe(true);
    expect(await a.claimAutoresumeRun('pod-s', at(3), at(8), at(13))).toBe(true);
  });
}

await onBothStores('autoresume store', contract);
