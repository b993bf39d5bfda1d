/**
 * What every Store adapter promises, run against SQLite and Postgres alike. A harness hands out a
 * fresh empty database per test and opens as many store instances on it as a test asks for.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/services/ports.js';
import { anAggregate, anAuditEntry, anEpisode, aSample, at, T0 } from './store-fixtures.js';

/** Opens a store on one database; callable many times for several instances. */
export type StoreOpener = () => Promise<Store>;

export type StoreHarness = {
  /** A database without data (its schema may already be in place). */
  emptyDatabase(): Promise<StoreOpener>;
  /** A database nobody has opened yet, for the migration tests. */
  newDatabase(): Promise<StoreOpener>;
};

export function registerStoreContract(harness: StoreHarness): void {
  let openStore: StoreOpener;
  let opened: Store[] = [];
  let store: Store;

  const open = async (): Promise<Store> => {
    const s = await openStore();
    opened.push(s);
    return s;
  };

  beforeEach(async () => {
    openStore = await harness.emptyDatabase();
    store = await open();
  });

  afterEach(async () => {
    for (const s of opened) await s.close();
    opened = [];
  });

  describe('ping (readiness)', () => {
    it('answers while the database does, and throws once it is closed', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      const other = await openStore();
      await other.close();
      await expect(other.ping()).rejects.toThrow();
    });
  });

  describe('opening and migrations', () => {
    it('keeps its data and schema when reopened (migrations are idempotent)', async () => {
      openStore = await harness.newDatabase();
      store = await open();
      await store.setOwner('pod-a', 'U_ALICE', 'U_ADMIN', T0);
      await store.close();
      opened = opened.filter((s) => s !== store);

      const again = await open();
      const third = await open();
      expect(await again.getOwner('pod-a')).toBe('U_ALICE');
      expect(await third.listOwners()).toEqual(new Map([['pod-a', 'U_ALICE']]));
    });

    it('lets two openers migrate the same fresh database at once', async () => {
      const fresh = await harness.newDatabase();
      const [a, b] = await Promise.all([fresh(), fresh()]);
      opened.push(a, b);
      expect(await a.claimDigest('C1', '2026-11-02', T0)).toBe(true);
      expect(await b.claimDigest('C1', '2026-11-02', T0)).toBe(false);
    });
  });

  describe('owners', () => {
    it('has no owner for an unknown pod', async () => {
      expect(await store.getOwner('pod-x')).toBeNull();
      expect(await store.listOwners()).toEqual(new Map());
    });

    it('sets and reassigns owners', async () => {
      await store.setOwner('pod-a', 'U_ALICE', 'U_ALICE', T0);
      await store.setOwner('pod-b', 'U_BOB', 'U_ADMIN', T0);
      await store.setOwner('pod-a', 'U_CAROL', 'U_ADMIN', at(5));
      expect(await store.getOwner('pod-a')).toBe('U_CAROL');
      expect(await store.listOwners()).toEqual(
        new Map([
          ['pod-a', 'U_CAROL'],
          ['pod-b', 'U_BOB'],
        ]),
      );
    });

    it('claims only an unowned pod', async () => {
      expect(await store.claimOwner('pod-a', 'U_ALICE', T0)).toBe(true);
      expect(await store.claimOwner('pod-a', 'U_BOB', at(1))).toBe(false);
      expect(await store.getOwner('pod-a')).toBe('U_ALICE');
    });

    it('gives a raced claim to exactly one of two store instances', async () => {
      const other = await open();
      const results = await Promise.all([
        store.claimOwner('pod-a', 'U_ALICE', T0),
        other.claimOwner('pod-a', 'U_BOB', T0),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await other.getOwner('pod-a')).toBe(results[0] ? 'U_ALICE' : 'U_BOB');
    });
  });

  describe('audit log', () => {
    it('returns a pod’s entries newest first, limited, with every field intact', async () => {
      await store.appendAudit(anAuditEntry({ at: at(0), action: 'deploy', reason: null }));
      await store.appendAudit(anAuditEntry({ at: at(10), action: 'stop' }));
      await store.appendAudit(anAuditEntry({ podId: 'pod-b', at: at(20), action: 'resume' }));
      await store.appendAudit(
        anAuditEntry({
          at: at(30),
          actor: 'podwarden',
          action: 'idle_stop',
          podName: null,
          detail: null,
          evidence: '{"maxUtil":1}',
        }),
      );

      const entries = await store.listAudit('pod-a', 2);
      expect(entries).toEqual([
        anAuditEntry({
          at: at(30),
          actor: 'podwarden',
          action: 'idle_stop',
          podName: null,
          detail: null,
          evidence: '{"maxUtil":1}',
        }),
        anAuditEntry({ at: at(10), action: 'stop' }),
      ]);
      expect((await store.listAudit('pod-a', 10)).map((e) => e.action)).toEqual([
        'idle_stop',
        'stop',
        'deploy',
      ]);
      expect(await store.listAudit('pod-z', 10)).toEqual([]);
    });

    it('orders entries of the same instant by insertion, newest first', async () => {
      await store.appendAudit(anAuditEntry({ action: 'claim' }));
      await store.appendAudit(anAuditEntry({ action: 'keep' }));
      await store.appendAudit(anAuditEntry({ action: 'stop' }));
      expect((await store.listAudit('pod-a', 10)).map((e) => e.action)).toEqual(['stop', 'keep', 'claim']);
    });

    it('lists all pods’ entries at or after a time, newest first', async () => {
      await store.appendAudit(anAuditEntry({ at: at(-1), action: 'deploy' }));
      await store.appendAudit(anAuditEntry({ at: at(0), action: 'claim' }));
      await store.appendAudit(anAuditEntry({ podId: 'pod-b', at: at(5), action: 'stop' }));
      const since = await store.listAuditSince(T0);
      expect(since.map((e) => [e.podId, e.action])).toEqual([
        ['pod-b', 'stop'],
        ['pod-a', 'claim'],
      ]);
    });
  });

  describe('samples and aggregates', () => {
    it('stores samples and returns them oldest first within [from, to)', async () => {
      const s1 = aSample({ at: at(0) });
      const s2 = aSample({
        at: at(1),
        gpuUtil: [],
        gpuMem: [],
        hasRuntime: false,
        cpuPercent: null,
        memoryPercent: null,
        uptimeSeconds: null,
        ownerId: null,
        volumeInGb: null,
        containerDiskInGb: null,
      });
      const b1 = aSample({ podId: 'pod-b', podName: 'sd-xl', at: at(1), status: 'EXITED', gpuUtil: [0] });
      const late = aSample({ at: at(2) });
      await store.insertSamples([late, b1, s2, s1]);

      expect(await store.listSamples('pod-a', at(0), at(2))).toEqual([s1, s2]);
      expect(await store.listSamples(null, at(0), at(2))).toEqual([s1, s2, b1]);
      expect(await store.listSamples(null, at(3), at(10))).toEqual([]);
    });

    it('does nothing for an empty poll and stores a large poll completely', async () => {
      await store.insertSamples([]);
      expect(await store.oldestSampleAt()).toBeNull();

      const many = Array.from({ length: 450 }, (_, i) =>
        aSample({ podId: `pod-${String(i).padStart(3, '0')}`, at: at(0), gpuUtil: [i % 100] }),
      );
      await store.insertSamples(many);
      const back = await store.listSamples(null, at(0), at(1));
      expect(back).toHaveLength(450);
      expect(back[449]).toEqual(many[449]);
    });

    it('loses nothing of a large poll written while a fold runs its transaction', async () => {
      const many = Array.from({ length: 3_100 }, (_, i) =>
        aSample({ podId: `pod-${String(i).padStart(4, '0')}`, at: at(90), gpuUtil: [i % 100] }),
      );
      const hour = new Date('2026-11-02T10:00:00.000Z');
      await Promise.all([store.insertSamples(many), store.foldSamples([anAggregate({ hour })], at(0))]);
      expect(await store.listSamples(null, at(90), at(91))).toEqual(many);
      expect(await store.listHourly(hour, at(60))).toEqual([anAggregate({ hour })]);
    });

    it('reads and folds thousands of samples across hours whole and in order', async () => {
      const many = Array.from({ length: 4_500 }, (_, i) =>
        aSample({ podId: `pod-${String(i % 30).padStart(2, '0')}`, at: at(Math.floor(i / 30) * 1.5) }),
      );
      await store.insertSamples([...many].reverse());
      expect(await store.listSamples(null, at(-1), at(1_000))).toEqual(many);
      expect(await store.listSamples(null, at(30), at(60))).toEqual(
        many.filter((s) => s.at >= at(30) && s.at < at(60)),
      );
      await store.foldSamples([], at(150));
      const kept = await store.listSamples(null, at(-1), at(1_000));
      expect(kept).toEqual(many.filter((s) => s.at >= at(150)));
      expect(kept).toHaveLength(1_500);
    });

    it('reads a dense stretch after a long quiet one whole and in order', async () => {
      const dense = Array.from({ length: 2_600 }, (_, i) =>
        aSample({ podId: `pod-${String(i % 50).padStart(2, '0')}`, at: at(Math.floor(i / 50) / 60) }),
      );
      const lone = aSample({ podId: 'pod-lone', at: at(-5_000) });
      await store.insertSamples([...dense].reverse());
      await store.insertSamples([lone]);
      expect(await store.listSamples(null, at(-6_000), at(100))).toEqual([lone, ...dense]);
    });

    it('reports the oldest raw sample', async () => {
      await store.insertSamples([aSample({ at: at(7) }), aSample({ podId: 'pod-b', at: at(3) })]);
      expect(await store.oldestSampleAt()).toEqual(at(3));
    });

    it('folds: upserts aggregates and deletes exactly the raw samples before the cutoff', async () => {
      const cutoff = at(60);
      await store.insertSamples([
        aSample({ at: at(0) }),
        aSample({ at: at(59) }),
        aSample({ podId: 'pod-b', at: at(59.99) }),
        aSample({ at: cutoff }),
        aSample({ at: at(61) }),
      ]);
      const hour = new Date('2026-11-02T10:00:00.000Z');
      const first = anAggregate({ hour, costUsd: 1 });
      await store.foldSamples([first, anAggregate({ podId: 'pod-b', hour, ownerId: null })], cutoff);

      expect((await store.listSamples(null, at(-100), at(100))).map((s) => s.at)).toEqual([cutoff, at(61)]);
      expect(await store.oldestSampleAt()).toEqual(cutoff);
      expect(await store.listHourly(hour, at(60))).toEqual([
        first,
        anAggregate({ podId: 'pod-b', hour, ownerId: null }),
      ]);

      // Folding the same hour again replaces its row; a new hour is added.
      const replaced = anAggregate({ hour, costUsd: 2.5, samples: 61, meanGpuUtil: null, maxGpuUtil: null });
      const next = anAggregate({ hour: at(60), costUsd: 3 });
      await store.foldSamples([replaced, next], cutoff);
      expect(await store.listHourly(hour, at(120))).toEqual([
        replaced,
        anAggregate({ podId: 'pod-b', hour, ownerId: null }),
        next,
      ]);
      expect(await store.listHourly(at(60), at(120))).toEqual([next]);
    });

    it('sums hourly aggregates per span between bounds and per pod, owner and name', async () => {
      const h = (n: number) => new Date(T0.getTime() + n * 3_600_000);
      await store.foldSamples(
        [
          anAggregate({ podId: 'pod-b', hour: h(0), costUsd: 1, meanGpuUtil: null, maxGpuUtil: null }),
          anAggregate({ hour: h(0), costUsd: 1 }),
          anAggregate({ hour: h(1), costUsd: 2, maxGpuUtil: 50 }),
          anAggregate({ hour: h(2), costUsd: 4, ownerId: 'U_BOB' }),
          anAggregate({ hour: h(3), costUsd: 8, runningSeconds: 0, idleSeconds: 0, busySeconds: 0 }),
          anAggregate({ hour: h(4), costUsd: 16 }),
          anAggregate({ hour: h(-1), costUsd: 32 }),
        ],
        at(0),
      );
      const sums = await store.sumHourly([h(0), h(3), h(4)]);
      const one = anAggregate();
      const idleGpu = (one.gpuSeconds * one.idleSeconds) / one.runningSeconds;
      const util = (one.meanGpuUtil ?? 0) * one.runningSeconds;
      expect(sums).toEqual([
        {
          podId: 'pod-a',
          podName: 'llama-ft',
          ownerId: 'U_ALICE',
          firstHour: h(0),
          lastHour: h(1),
          runningSeconds: 7200,
          idleSeconds: 2400,
          busySeconds: 4560,
          unknownSeconds: 240,
          costUsd: 3,
          idleUsd: 1.66,
          busyUsd: 3.154,
          storageUsd: 0.0138,
          gpuSeconds: 14_400,
          idleGpuSeconds: 2 * idleGpu,
          utilSeconds: 2 * util,
          utilKnownSeconds: 7200,
          maxGpuUtil: 99,
        },
        expect.objectContaining({
          podId: 'pod-b',
          firstHour: h(0),
          lastHour: h(0),
          costUsd: 1,
          utilSeconds: 0,
          utilKnownSeconds: 0,
          maxGpuUtil: null,
        }),
        expect.objectContaining({
          podId: 'pod-a',
          ownerId: 'U_BOB',
          firstHour: h(2),
          lastHour: h(2),
          costUsd: 4,
        }),
        expect.objectContaining({
          podId: 'pod-a',
          firstHour: h(3),
          lastHour: h(3),
          costUsd: 8,
          runningSeconds: 0,
          idleGpuSeconds: 0,
        }),
      ]);
      expect(await store.sumHourly([h(0)])).toEqual([]);
    });

    it('remembers when pods were seen and since when they run', async () => {
      expect(await store.getPodSeen('pod-a')).toBeNull();
      const seen = {
        podId: 'pod-a',
        podName: 'llama-ft',
        lastStatus: 'RUNNING',
        lastSeenAt: at(5),
        runningSince: T0,
      };
      await store.upsertPodSeen(seen);
      await store.upsertPodSeen({ ...seen, podId: 'pod-b', podName: 'sd-xl' });
      expect(await store.getPodSeen('pod-a')).toEqual(seen);

      const stopped = { ...seen, lastStatus: 'EXITED', lastSeenAt: at(9), runningSince: null };
      await store.upsertPodSeen(stopped);
      expect(await store.listPodSeen()).toEqual([stopped, { ...seen, podId: 'pod-b', podName: 'sd-xl' }]);
    });

    it('writes a whole poll of sightings at once, updating the known pods and adding new ones', async () => {
      await store.upsertPodSeenMany([]);
      const seen = (i: number, status = 'RUNNING') => ({
        podId: `pod-${String(i).padStart(4, '0')}`,
        podName: `pod ${i}`,
        lastStatus: status,
        lastSeenAt: at(1),
        runningSince: status === 'RUNNING' ? T0 : null,
      });
      await store.upsertPodSeenMany(Array.from({ length: 10 }, (_, i) => seen(i)));
      // More than one statement's worth: the first ten change, the rest are new.
      const poll = Array.from({ length: 2_500 }, (_, i) => ({
        ...seen(i, i < 10 ? 'EXITED' : 'RUNNING'),
        lastSeenAt: at(2),
      }));
      await store.upsertPodSeenMany(poll);
      const back = await store.listPodSeen();
      expect(back).toHaveLength(2_500);
      expect(back).toEqual(poll);
    });

    it('names the newest folded hour', async () => {
      expect(await store.newestHourly()).toBeNull();
      const hour = new Date('2026-11-02T10:00:00.000Z');
      await store.foldSamples([anAggregate({ hour }), anAggregate({ podId: 'pod-b' })], new Date(0));
      expect(await store.newestHourly()).toEqual(hour);
    });

    it('prunes hourly aggregates before a cutoff and keeps the rest', async () => {
      const old = anAggregate({ hour: new Date('2025-09-01T10:00:00.000Z') });
      const kept = anAggregate({ hour: new Date('2026-11-02T10:00:00.000Z') });
      await store.foldSamples([old, kept, anAggregate({ podId: 'pod-b', hour: old.hour })], new Date(0));
      expect(await store.pruneHourly(new Date('2025-10-01T00:00:00.000Z'))).toBe(2);
      expect(await store.listHourly(new Date(0), at(120))).toEqual([kept]);
      expect(await store.pruneHourly(new Date('2025-10-01T00:00:00.000Z'))).toBe(0);
    });
  });

  describe('idle episodes', () => {
    it('opens an episode and reads it back intact', async () => {
      const episode = anEpisode();
      expect(await store.openEpisode(episode)).toEqual(episode);
      expect(await store.getEpisode('ep-1')).toEqual(episode);
      expect(await store.getActiveEpisode('pod-a')).toEqual(episode);
      expect(await store.getEpisode('ep-x')).toBeNull();
      expect(await store.getActiveEpisode('pod-b')).toBeNull();
    });

    it('refuses a second active episode for a pod until the first one ends', async () => {
      await store.openEpisode(anEpisode());
      expect(await store.openEpisode(anEpisode({ id: 'ep-2' }))).toBeNull();
      await store.transitionEpisode('ep-1', ['open'], 'stopping', {});
      expect(await store.openEpisode(anEpisode({ id: 'ep-2' }))).toBeNull();
      await store.transitionEpisode('ep-1', ['stopping'], 'stopped', {});

      const next = anEpisode({ id: 'ep-2', openedAt: at(90), updatedAt: at(90) });
      expect(await store.openEpisode(next)).toEqual(next);
      expect(await store.getActiveEpisode('pod-a')).toEqual(next);
    });

    it('lets exactly one of two store instances open an episode for the same pod', async () => {
      const other = await open();
      for (let round = 0; round < 10; round++) {
        const podId = `pod-${round}`;
        const results = await Promise.all([
          store.openEpisode(anEpisode({ id: `a-${round}`, podId })),
          other.openEpisode(anEpisode({ id: `b-${round}`, podId })),
        ]);
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect((await other.getActiveEpisode(podId))?.id).toBe(winners[0]?.id);
      }
      expect(await store.listActiveEpisodes()).toHaveLength(10);
    });

    it('transitions only from the expected states, applying the patch in the same step', async () => {
      await store.openEpisode(anEpisode());
      expect(await store.transitionEpisode('ep-1', ['stopping'], 'stopped', {})).toBeNull();
      expect(await store.transitionEpisode('ep-1', [], 'stopped', {})).toBeNull();
      expect(await store.transitionEpisode('ep-x', ['open'], 'stopped', {})).toBeNull();
      expect((await store.getEpisode('ep-1'))?.state).toBe('open');

      const kept = await store.transitionEpisode('ep-1', ['open', 'stopping'], 'kept', {
        decidedBy: 'U_ALICE',
        decidedAt: at(12),
        updatedAt: at(12),
      });
      expect(kept).toEqual(
        anEpisode({ state: 'kept', decidedBy: 'U_ALICE', decidedAt: at(12), updatedAt: at(12) }),
      );
      expect(await store.getEpisode('ep-1')).toEqual(kept);
      expect(await store.getActiveEpisode('pod-a')).toBeNull();
    });

    it('counts stop attempts without changing other fields', async () => {
      await store.openEpisode(anEpisode());
      const retried = await store.transitionEpisode('ep-1', ['open'], 'open', { stopAttempts: 2 });
      expect(retried).toEqual(anEpisode({ stopAttempts: 2 }));
    });

    it('lets exactly one of two store instances move an episode', async () => {
      const other = await open();
      await store.openEpisode(anEpisode());
      const results = await Promise.all([
        store.transitionEpisode('ep-1', ['open'], 'stopping', { decidedBy: 'U_ALICE' }),
        other.transitionEpisode('ep-1', ['open'], 'stopping', { decidedBy: 'U_ADMIN' }),
      ]);
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect((await store.getEpisode('ep-1'))?.decidedBy).toBe(winners[0]?.decidedBy);
    });

    it('lists active episodes and recent episodes newest first', async () => {
      await store.openEpisode(
        anEpisode({ id: 'old', podId: 'pod-o', openedAt: at(-600), updatedAt: at(-600) }),
      );
      await store.transitionEpisode('old', ['open'], 'busy', { updatedAt: at(-500) });
      await store.openEpisode(
        anEpisode({ id: 'late', podId: 'pod-l', openedAt: at(-300), updatedAt: at(-300) }),
      );
      await store.transitionEpisode('late', ['open'], 'stopped', { updatedAt: at(5) });
      await store.openEpisode(anEpisode({ id: 'e1', podId: 'pod-1', openedAt: at(1), updatedAt: at(1) }));
      await store.openEpisode(anEpisode({ id: 'e2', podId: 'pod-2', openedAt: at(2), updatedAt: at(2) }));
      await store.transitionEpisode('e2', ['open'], 'stopping', {});

      expect((await store.listActiveEpisodes()).map((e) => [e.id, e.state])).toEqual([
        ['e1', 'open'],
        ['e2', 'stopping'],
      ]);
      // Opened or changed at or after `since`: 'late' ended within the window.
      expect((await store.listEpisodesSince(T0)).map((e) => e.id)).toEqual(['e2', 'e1', 'late']);
    });

    it("lists one pod's recent episodes newest first, as listEpisodesSince has them", async () => {
      await store.openEpisode(
        anEpisode({ id: 'old', podId: 'pod-a', openedAt: at(-600), updatedAt: at(-600) }),
      );
      await store.transitionEpisode('old', ['open'], 'busy', { updatedAt: at(-500) });
      await store.openEpisode(
        anEpisode({ id: 'late', podId: 'pod-a', openedAt: at(-300), updatedAt: at(-300) }),
      );
      await store.transitionEpisode('late', ['open'], 'kept', { updatedAt: at(5) });
      await store.openEpisode(anEpisode({ id: 'b1', podId: 'pod-b', openedAt: at(1), updatedAt: at(1) }));
      await store.openEpisode(anEpisode({ id: 'a1', podId: 'pod-a', openedAt: at(2), updatedAt: at(2) }));

      expect((await store.listPodEpisodesSince('pod-a', T0)).map((e) => e.id)).toEqual(['a1', 'late']);
      expect((await store.listPodEpisodesSince('pod-b', T0)).map((e) => e.id)).toEqual(['b1']);
      expect(await store.listPodEpisodesSince('pod-c', T0)).toEqual([]);
    });

    it('finds the episode of a pod that changed last, whatever its state', async () => {
      expect(await store.getLatestEpisode('pod-a')).toBeNull();
      await store.openEpisode(anEpisode({ id: 'first', podId: 'pod-a', openedAt: at(1), updatedAt: at(1) }));
      await store.transitionEpisode('first', ['open'], 'busy', { updatedAt: at(2) });
      await store.openEpisode(anEpisode({ id: 'second', podId: 'pod-a', openedAt: at(3), updatedAt: at(3) }));
      await store.openEpisode(anEpisode({ id: 'other', podId: 'pod-b', openedAt: at(4), updatedAt: at(4) }));
      expect((await store.getLatestEpisode('pod-a'))?.id).toBe('second');
      await store.transitionEpisode('second', ['open'], 'stopped', { updatedAt: at(9) });
      expect(await store.getLatestEpisode('pod-a')).toMatchObject({ id: 'second', state: 'stopped' });
    });

    it('keeps the prompt outbox: one row per recipient, claims by compare-and-set, a posted message recorded once', async () => {
      await store.openEpisode(anEpisode({ id: 'ep', podId: 'pod-a', messages: [] }));
      await store.addPromptOutbox({ episodeId: 'ep', recipient: 'U1', channel: 'D1', at: at(1) });
      await store.addPromptOutbox({ episodeId: 'ep', recipient: 'U1', channel: 'D9', at: at(2) });
      const [row] = await store.listUnsettledPrompts();
      expect(row).toMatchObject({
        episodeId: 'ep',
        recipient: 'U1',
        channel: 'D1',
        state: 'pending',
        attempts: 1,
      });
      if (!row) return;
      const other = await open();
      const claims = await Promise.all([
        store.claimPromptOutbox('ep', 'U1', row.updatedAt, at(3)),
        other.claimPromptOutbox('ep', 'U1', row.updatedAt, at(3)),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      const posted = { state: 'posted' as const, channel: 'D1', ts: '1.000100' };
      await store.settlePromptOutbox('ep', 'U1', posted, at(4));
      await other.settlePromptOutbox('ep', 'U1', posted, at(5));
      expect((await store.getEpisode('ep'))?.messages).toEqual([{ channel: 'D1', ts: '1.000100' }]);
      expect(await store.listUnsettledPrompts()).toEqual([]);
      expect(await store.listPromptOutbox('ep')).toMatchObject([
        { state: 'posted', ts: '1.000100', attempts: 2 },
      ]);
    });

    it('keeps the escalation outbox: one row per episode with its message, claims by compare-and-set, settled once', async () => {
      const message = JSON.stringify({ text: 'nobody answered', threadTs: '1.000100' });
      await store.addEscalationOutbox({
        episodeId: 'ep',
        channel: 'C1',
        message,
        state: 'unsent',
        at: at(1),
      });
      await store.addEscalationOutbox({
        episodeId: 'ep',
        channel: 'C9',
        message: '{}',
        state: 'pending',
        at: at(2),
      });
      const row = await store.getEscalationOutbox('ep');
      expect(row).toMatchObject({ episodeId: 'ep', channel: 'C1', message, state: 'unsent', attempts: 1 });
      expect(row?.createdAt).toEqual(at(1));
      if (!row) return;
      const other = await open();
      const claims = await Promise.all([
        store.claimEscalationOutbox('ep', row.updatedAt, at(3)),
        other.claimEscalationOutbox('ep', row.updatedAt, at(3)),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.getEscalationOutbox('ep')).toMatchObject({ state: 'pending', attempts: 2 });
      await store.settleEscalationOutbox('ep', { state: 'posted', channel: 'C1', ts: '2.000100' }, at(4));
      await other.settleEscalationOutbox('ep', { state: 'unsent' }, at(5));
      expect(await store.getEscalationOutbox('ep')).toMatchObject({ state: 'posted', ts: '2.000100' });
      expect(await store.claimEscalationOutbox('ep', at(4), at(6))).toBe(false);
      expect(await store.getEscalationOutbox('nope')).toBeNull();
    });
    it('marks the reminder once', async () => {
      await store.openEpisode(anEpisode());
      const other = await open();
      const results = await Promise.all([
        store.markReminded('ep-1', at(20)),
        other.markReminded('ep-1', at(21)),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.markReminded('ep-1', at(22))).toBe(false);
      expect((await store.getEpisode('ep-1'))?.remindedAt).toEqual(results[0] ? at(20) : at(21));
    });

    it('appends prompt messages in order', async () => {
      await store.openEpisode(anEpisode({ messages: [] }));
      await store.addEpisodeMessage('ep-1', { channel: 'D_ALICE', ts: '1.1' });
      await store.addEpisodeMessage('ep-1', { channel: 'C_IDLE', ts: '2.2' });
      expect((await store.getEpisode('ep-1'))?.messages).toEqual([
        { channel: 'D_ALICE', ts: '1.1' },
        { channel: 'C_IDLE', ts: '2.2' },
      ]);
    });

    it('keeps the latest keep per pod', async () => {
      expect(await store.getKeep('pod-a')).toBeNull();
      await store.setKeep({ podId: 'pod-a', until: at(60), by: 'U_ALICE', reason: null, at: T0 });
      const longer = {
        podId: 'pod-a',
        until: at(240),
        by: 'U_ADMIN',
        reason: 'eval run overnight',
        at: at(1),
      };
      await store.setKeep(longer);
      expect(await store.getKeep('pod-a')).toEqual(longer);
      expect(await store.getKeep('pod-b')).toBeNull();
    });

    it('lists the keeps still in force after an instant, one per pod', async () => {
      expect(await store.listKeeps(T0)).toEqual([]);
      const a = { podId: 'pod-a', until: at(60), by: 'U_ALICE', reason: null, at: T0 };
      const b = { podId: 'pod-b', until: at(30), by: 'U_BOB', reason: 'eval', at: T0 };
      await store.setKeep(a);
      await store.setKeep(b);
      const byPod = (keeps: { podId: string }[]) => [...keeps].sort((x, y) => x.podId.localeCompare(y.podId));
      expect(byPod(await store.listKeeps(at(10)))).toEqual([a, b]);
      expect(await store.listKeeps(at(30))).toEqual([a]);
      expect(await store.listKeeps(at(60))).toEqual([]);
    });

    it('exempts and unexempts pods', async () => {
      await store.setExempt('pod-a', true, 'U_ADMIN', T0);
      await store.setExempt('pod-b', true, 'U_ADMIN', T0);
      await store.setExempt('pod-a', true, 'U_ADMIN', at(1));
      expect(await store.listExempt()).toEqual(new Set(['pod-a', 'pod-b']));
      await store.setExempt('pod-a', false, 'U_ADMIN', at(2));
      await store.setExempt('pod-z', false, 'U_ADMIN', at(2));
      expect(await store.listExempt()).toEqual(new Set(['pod-b']));
    });
  });

  describe('digests, alerts and savings', () => {
    const subscription = {
      channel: 'C_TEAM',
      hour: 9,
      minute: 0,
      timeZone: 'Europe/Berlin',
      subscribedBy: 'U_ALICE',
      subscribedAt: T0,
    };

    it('subscribes, moves and unsubscribes channels', async () => {
      await store.subscribe(subscription);
      await store.subscribe({ ...subscription, channel: 'C_ML', timeZone: 'UTC' });
      const moved = { ...subscription, hour: 17, minute: 30, subscribedBy: 'U_BOB', subscribedAt: at(1) };
      await store.subscribe(moved);
      expect(await store.listSubscriptions()).toEqual([
        { ...subscription, channel: 'C_ML', timeZone: 'UTC' },
        moved,
      ]);

      expect(await store.unsubscribe('C_ML')).toBe(true);
      expect(await store.unsubscribe('C_ML')).toBe(false);
      expect(await store.listSubscriptions()).toEqual([moved]);
    });

    it('takes over an undelivered digest claim once it is stale, never a delivered one', async () => {
      expect(await store.claimDigest('C_TEAM', '2026-11-02', T0)).toBe(true);
      expect(await store.reclaimUndeliveredDigest?.('C_TEAM', '2026-11-02', at(10), at(-30))).toBe(false);
      expect(await store.reclaimUndeliveredDigest?.('C_TEAM', '2026-11-02', at(31), at(1))).toBe(true);
      expect(await store.reclaimUndeliveredDigest?.('C_TEAM', '2026-11-02', at(31), at(1))).toBe(false);
      await store.recordDigestMessage('C_TEAM', '2026-11-02', '1730537000.000200');
      expect(await store.reclaimUndeliveredDigest?.('C_TEAM', '2026-11-02', at(90), at(60))).toBe(false);
    });

    it('claims a scheduled digest once per channel and local day', async () => {
      expect(await store.claimDigest('C_TEAM', '2026-11-02', T0)).toBe(true);
      expect(await store.claimDigest('C_TEAM', '2026-11-02', at(1))).toBe(false);
      expect(await store.claimDigest('C_TEAM', '2026-11-03', at(1440))).toBe(true);
      expect(await store.claimDigest('C_ML', '2026-11-02', T0)).toBe(true);

      await store.recordDigestMessage('C_TEAM', '2026-11-02', '1730537000.000200');
      // Recording the posted message does not release the claim.
      expect(await store.claimDigest('C_TEAM', '2026-11-02', at(2))).toBe(false);
    });

    it('gives a raced digest claim to exactly one of two store instances', async () => {
      const other = await open();
      for (let day = 10; day < 20; day++) {
        const date = `2026-11-${day}`;
        const results = await Promise.all([
          store.claimDigest('C_TEAM', date, T0),
          other.claimDigest('C_TEAM', date, T0),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
      }
    });

    it('flips alerts only when the state changes', async () => {
      expect(await store.getAlertState('budget')).toBeNull();
      expect(await store.flipAlert('budget', false, T0, 3)).toBe(false);
      expect(await store.getAlertState('budget')).toEqual({
        key: 'budget',
        active: false,
        changedAt: T0,
        value: 3,
      });

      expect(await store.flipAlert('budget', true, at(1), 12.5)).toBe(true);
      expect(await store.flipAlert('budget', true, at(2), 13)).toBe(false);
      expect(await store.getAlertState('budget')).toEqual({
        key: 'budget',
        active: true,
        changedAt: at(1),
        value: 12.5,
      });
      expect(await store.flipAlert('budget', false, at(3), null)).toBe(true);
      expect(await store.getAlertState('budget')).toEqual({
        key: 'budget',
        active: false,
        changedAt: at(3),
        value: null,
      });

      expect(await store.flipAlert('runway', true, T0, 1.5)).toBe(true);
      expect((await store.getAlertState('runway'))?.active).toBe(true);
    });

    it('gives a raced alert flip to exactly one of two store instances', async () => {
      const other = await open();
      const results = await Promise.all([
        store.flipAlert('budget', true, T0, 10),
        other.flipAlert('budget', true, T0, 11),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('records savings, ends them on resume and lists those overlapping a window', async () => {
      const saving = {
        podId: 'pod-a',
        podName: 'llama-ft',
        stoppedAt: at(-120),
        costPerHr: 2.49,
        ownerId: 'U_ALICE',
        resumedAt: null,
      };
      await store.recordSaving(saving);
      await store.recordSaving({
        ...saving,
        podId: 'pod-b',
        podName: 'sd-xl',
        stoppedAt: at(-60),
        ownerId: null,
      });
      await store.recordSaving({ ...saving, podId: 'pod-c', stoppedAt: at(-300), resumedAt: at(-200) });
      await store.recordSaving({ ...saving, podId: 'pod-d', stoppedAt: at(30) });

      await store.endSavings('pod-a', at(-10));
      const window = await store.listSavings(at(-30), T0);
      expect(window).toEqual([
        { ...saving, resumedAt: at(-10) },
        { ...saving, podId: 'pod-b', podName: 'sd-xl', stoppedAt: at(-60), ownerId: null },
      ]);
      // A resume before the window leaves a saving out; a stop after the window too.
      expect((await store.listSavings(at(-5), T0)).map((s) => s.podId)).toEqual(['pod-b']);
      expect((await store.listSavings(at(-400), at(100))).map((s) => s.podId)).toEqual([
        'pod-c',
        'pod-a',
        'pod-b',
        'pod-d',
      ]);
    });
  });
}
