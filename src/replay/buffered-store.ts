import type { IdleEpisode, Keep } from '../domain/idle-episode.js';
import type { PodSample, PodSeen } from '../domain/samples.js';
import type { Store } from '../services/ports.js';

/** Raw samples kept in memory: well beyond the idle window (IDLE_AFTER + two polls). */
const KEEP_SAMPLES_MS = 2 * 3_600_000;
/** Polls whose samples and sightings are written to the store in one go. */
const FLUSH_EVERY_POLLS = 60;

/**
 * Samples are handed out as shallow copies: their Date and arrays are shared, which the idle flow
 * only reads (a replay with every call going to SQLite gives the same decisions; see its test).
 */
const copySample = (s: PodSample): PodSample => ({ ...s });
const copySeen = (s: PodSeen): PodSeen => ({
  ...s,
  lastSeenAt: new Date(s.lastSeenAt),
  runningSince: s.runningSince ? new Date(s.runningSince) : null,
});
const copyEpisode = (e: IdleEpisode): IdleEpisode => ({
  ...e,
  idleSince: new Date(e.idleSince),
  openedAt: new Date(e.openedAt),
  reminderAt: new Date(e.reminderAt),
  remindedAt: e.remindedAt ? new Date(e.remindedAt) : null,
  deadlineAt: new Date(e.deadlineAt),
  decidedAt: e.decidedAt ? new Date(e.decidedAt) : null,
  updatedAt: new Date(e.updatedAt),
  messages: e.messages.map((m) => ({ ...m })),
});
const byPodId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySampleOrder = (a: PodSample, b: PodSample) =>
  a.at.getTime() - b.at.getTime() || byPodId(a.podId, b.podId);

/** Index of the first sample at or after `at` in a list sorted by time. */
function firstAtOrAfter(samples: readonly PodSample[], at: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((samples[mid]?.at.getTime() ?? at) < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A replay polls once per simulated minute, days on end, and the per-poll bookkeeping (one sample
 * and one sighting per pod, read back at once) dominates its time. This wraps the real store:
 * samples and pod sightings are written to it in batches (every 60 polls, and before anything
 * reads them from it), and the recent ones are read back from memory. Owners, exemptions, keeps
 * and the episode lists are read from the store and reused until the next write through this
 * wrapper. Every other call, and every write of episodes (their compare-and-set transitions
 * included), keeps, owners and audit, goes straight to the store. Wrap only a store that holds no
 * samples yet and that nothing else writes; otherwise sample reads pass through.
 */
export async function bufferStore(store: Store): Promise<Store> {
  /** Samples in memory cover every sample at or after this instant (ms). */
  let floor = (await store.oldestSampleAt()) === null ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  let recent: PodSample[] = [];
  let pendingSamples: PodSample[] = [];
  let pendingPolls = 0;
  const pendingSeen = new Map<string, PodSeen>();
  const seen = new Map((await store.listPodSeen()).map((s) => [s.podId, copySeen(s)]));
  let owners: Map<string, string> | null = null;
  let exempt: Set<string> | null = null;
  /** Episode reads, valid until the next episode write through this wrapper. */
  let active: IdleEpisode[] | null = null;
  let since: { at: number; episodes: IdleEpisode[] } | null = null;
  const keeps = new Map<string, Keep | null>();
  const episodesChanged = () => {
    active = null;
    since = null;
  };

  const flush = async () => {
    const samples = pendingSamples;
    pendingSamples = [];
    pendingPolls = 0;
    if (samples.length > 0) await store.insertSamples(samples);
    const sightings = [...pendingSeen.values()];
    pendingSeen.clear();
    await store.upsertPodSeenMany(sightings);
  };

  const remember = (added: PodSample[]) => {
    added.sort(bySampleOrder);
    const first = added[0];
    const last = recent.at(-1);
    recent.push(...added);
    if (first && last && bySampleOrder(first, last) < 0) recent.sort(bySampleOrder);
    const cutoff = (recent.at(-1)?.at.getTime() ?? 0) - KEEP_SAMPLES_MS;
    if ((recent[0]?.at.getTime() ?? cutoff) < cutoff - KEEP_SAMPLES_MS) {
      recent = recent.slice(firstAtOrAfter(recent, cutoff));
      floor = Math.max(floor, cutoff);
    }
  };

  /** The store's answer for the earliest instant asked yet, filtered as the store filters. */
  const episodesSince = async (from: Date): Promise<IdleEpisode[]> => {
    const at = from.getTime();
    if (since === null || at < since.at) since = { at, episodes: await store.listEpisodesSince(from) };
    return since.episodes.filter((e) => e.openedAt.getTime() >= at || e.updatedAt.getTime() >= at);
  };

  return {
    ...store,
    async insertSamples(samples) {
      if (floor === Number.POSITIVE_INFINITY) {
        await store.insertSamples(samples);
        return;
      }
      const copies = samples.map(copySample);
      remember(copies);
      pendingSamples.push(...copies);
      pendingPolls++;
      if (pendingPolls >= FLUSH_EVERY_POLLS) await flush();
    },
    async listSamples(podId, from, to) {
      if (from.getTime() < floor) {
        await flush();
        return await store.listSamples(podId, from, to);
      }
      const found: PodSample[] = [];
      for (let i = firstAtOrAfter(recent, from.getTime()); i < recent.length; i++) {
        const sample = recent[i];
        if (!sample || sample.at.getTime() >= to.getTime()) break;
        if (podId === null || sample.podId === podId) found.push(copySample(sample));
      }
      return found;
    },
    async listHourly(from, to) {
      await flush();
      return await store.listHourly(from, to);
    },
    async sumHourly(bounds) {
      await flush();
      return await store.sumHourly(bounds);
    },
    async foldSamples(aggregates, cutoff) {
      await flush();
      await store.foldSamples(aggregates, cutoff);
      recent = recent.slice(firstAtOrAfter(recent, cutoff.getTime()));
      floor = Math.max(floor, cutoff.getTime());
    },
    async newestHourly() {
      await flush();
      return await store.newestHourly();
    },
    async oldestSampleAt() {
      await flush();
      return await store.oldestSampleAt();
    },
    async getPodSeen(podId) {
      const found = seen.get(podId);
      return found ? copySeen(found) : null;
    },
    async listPodSeen() {
      return [...seen.values()].sort((a, b) => byPodId(a.podId, b.podId)).map(copySeen);
    },
    async upsertPodSeen(podSeen) {
      seen.set(podSeen.podId, copySeen(podSeen));
      pendingSeen.set(podSeen.podId, copySeen(podSeen));
    },
    async upsertPodSeenMany(sightings) {
      for (const podSeen of sightings) {
        seen.set(podSeen.podId, copySeen(podSeen));
        pendingSeen.set(podSeen.podId, copySeen(podSeen));
      }
    },
    async listOwners() {
      owners ??= await store.listOwners();
      return new Map(owners);
    },
    async setOwner(podId, userId, by, at) {
      owners = null;
      await store.setOwner(podId, userId, by, at);
    },
    async claimOwner(podId, userId, at) {
      owners = null;
      return await store.claimOwner(podId, userId, at);
    },
    async listExempt() {
      exempt ??= await store.listExempt();
      return new Set(exempt);
    },
    async setExempt(podId, isExempt, by, at) {
      exempt = null;
      await store.setExempt(podId, isExempt, by, at);
    },
    async listActiveEpisodes() {
      active ??= await store.listActiveEpisodes();
      return active.map(copyEpisode);
    },
    async listPodEpisodesSince(podId, from) {
      return (await episodesSince(from)).filter((e) => e.podId === podId).map(copyEpisode);
    },
    async listEpisodesSince(from) {
      return (await episodesSince(from)).map(copyEpisode);
    },
    async openEpisode(episode) {
      episodesChanged();
      return await store.openEpisode(episode);
    },
    async transitionEpisode(id, from, to, patch) {
      episodesChanged();
      return await store.transitionEpisode(id, from, to, patch);
    },
    async markReminded(id, at) {
      episodesChanged();
      return await store.markReminded(id, at);
    },
    async addEpisodeMessage(id, message) {
      episodesChanged();
      await store.addEpisodeMessage(id, message);
    },
    async getKeep(podId) {
      if (!keeps.has(podId)) keeps.set(podId, await store.getKeep(podId));
      const keep = keeps.get(podId) ?? null;
      return keep ? { ...keep, until: new Date(keep.until), at: new Date(keep.at) } : null;
    },
    async setKeep(keep) {
      keeps.delete(keep.podId);
      await store.setKeep(keep);
    },
    async close() {
      await flush();
      await store.close();
    },
  };
}
