import type { PodSample } from '../../domain/samples.js';
import type { SampleStore } from '../ports.js';

/**
 * Each pod's samples of the idle window, kept in memory between polls: the idle flow gets the same
 * samples a read of the store would give, without reading the whole window back every poll.
 */
export type RecentSamples = {
  /** This poll's samples, once they are stored. Ignored until the window was loaded. */
  add(samples: readonly PodSample[]): void;
  /**
   * Every pod's samples in [from, to), oldest first. The first call (and one reaching further
   * back than any before) reads them from the store, one poll interval at a time.
   */
  byPod(from: Date, to: Date): Promise<Map<string, PodSample[]>>;
};

const byTime = (a: PodSample, b: PodSample) => a.at.getTime() - b.at.getTime();

/** `sliceMs`: how much time one store read covers while loading (a poll interval: one poll's rows). */
export function createRecentSamples(store: Pick<SampleStore, 'listSamples'>, sliceMs: number): RecentSamples {
  /** Memory holds every stored sample at or after this instant (ms); null before the first load. */
  let floor: number | null = null;
  const pods = new Map<string, PodSample[]>();

  const push = (sample: PodSample) => {
    const list = pods.get(sample.podId);
    if (!list) {
      pods.set(sample.podId, [sample]);
      return;
    }
    const last = list.at(-1);
    list.push(sample);
    if (last && last.at.getTime() > sample.at.getTime()) list.sort(byTime);
  };

  const load = async (fromMs: number, toMs: number) => {
    pods.clear();
    // Slices keep each synchronous SQLite read (and its row conversion) short.
    const step = Math.max(1_000, sliceMs);
    for (let start = fromMs; start < toMs; start += step) {
      const rows = await store.listSamples(null, new Date(start), new Date(Math.min(toMs, start + step)));
      for (const sample of rows) push(sample);
    }
    floor = fromMs;
  };

  const trim = (fromMs: number) => {
    for (const [podId, list] of pods) {
      let drop = 0;
      while (drop < list.length && (list[drop]?.at.getTime() ?? fromMs) < fromMs) drop++;
      if (drop === list.length) pods.delete(podId);
      else if (drop > 0) list.splice(0, drop);
    }
    floor = Math.max(floor ?? fromMs, fromMs);
  };

  return {
    add(samples) {
      if (floor === null) return;
      for (const sample of samples) if (sample.at.getTime() >= floor) push(sample);
    },

    async byPod(from, to) {
      const fromMs = from.getTime();
      const toMs = to.getTime();
      if (floor === null || fromMs < floor) await load(fromMs, toMs);
      else trim(fromMs);
      const out = new Map<string, PodSample[]>();
      for (const [podId, list] of pods) {
        const last = list.at(-1);
        const inRange =
          last && last.at.getTime() < toMs ? list.slice() : list.filter((s) => s.at.getTime() < toMs);
        if (inRange.length > 0) out.set(podId, inRange);
      }
      return out;
    },
  };
}
