import type { IdleEpisode } from './idle-episode.js';

/** How far back keeps count: a keep older than this is forgotten. */
export const KEEPS_LOOKBACK_MS = 7 * 24 * 3_600_000;

/** From this many keeps on, a pod that stays idle is named in its next prompt and in the digest. */
export const REPEATED_KEEPS_MIN = 2;

/** The keeps of a pod that stayed idle through them: said in the next prompt, never acted on. */
export type RepeatedKeeps = {
  podId: string;
  podName: string;
  count: number;
  /** When the first of these keeps was set. */
  since: Date;
  /** Estimated money the pod burned idle under these keeps. */
  idleUsd: number;
  /** Everyone who kept it, in order of their first keep. */
  keptBy: string[];
};

const NEUTRAL: ReadonlySet<IdleEpisode['state']> = new Set(['open', 'escalated', 'dry_run_done']);

type EpisodeFacts = Pick<
  IdleEpisode,
  'podId' | 'podName' | 'state' | 'idleSince' | 'openedAt' | 'decidedBy' | 'decidedAt' | 'costPerHr'
>;

/**
 * The keeps since the pod last stopped or was busy, within the look-back. Each keep's idle money
 * runs from the keep until the next prompt (or `now`), counted from when the pod was quiet again
 * if it was busy in between (the next episode's `idleSince`). An episode that ended busy, stopped
 * or gone (or is being stopped) starts the count over: the pod did not stay idle; an open,
 * escalated or dry-run one neither counts nor breaks it. Null below
 * REPEATED_KEEPS_MIN keeps.
 */
export function repeatedKeeps(
  episodes: readonly EpisodeFacts[],
  podId: string,
  now: Date,
  lookBackMs: number = KEEPS_LOOKBACK_MS,
): RepeatedKeeps | null {
  const from = now.getTime() - lookBackMs;
  const own = episodes
    .filter((e) => e.podId === podId)
    .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  let chain: { episode: EpisodeFacts; at: Date; by: string; idleMs: number }[] = [];
  own.forEach((episode, i) => {
    // Still waiting, or passed without an answer (ask-only, dry run): the pod stayed idle, unkept.
    if (NEUTRAL.has(episode.state)) return;
    const { decidedAt, decidedBy } = episode;
    if (episode.state !== 'kept' || !decidedAt || !decidedBy) {
      chain = [];
      return;
    }
    if (decidedAt.getTime() < from) return;
    const next = own[i + 1];
    const endMs = next ? next.openedAt.getTime() : now.getTime();
    const quietMs = Math.max(decidedAt.getTime(), next ? next.idleSince.getTime() : 0);
    chain.push({ episode, at: decidedAt, by: decidedBy, idleMs: Math.max(0, endMs - quietMs) });
  });
  const first = chain[0];
  const last = chain.at(-1);
  if (!first || !last || chain.length < REPEATED_KEEPS_MIN) return null;
  const idleUsd = chain.reduce((total, k) => total + (k.idleMs / 3_600_000) * k.episode.costPerHr, 0);
  return {
    podId,
    podName: last.episode.podName,
    count: chain.length,
    since: first.at,
    idleUsd: Math.round(idleUsd * 100) / 100,
    keptBy: [...new Set(chain.map((k) => k.by))],
  };
}

/** Every pod in `episodes` with repeated keeps, the most idle money first. */
export function podsWithRepeatedKeeps(
  episodes: readonly EpisodeFacts[],
  now: Date,
  lookBackMs: number = KEEPS_LOOKBACK_MS,
): RepeatedKeeps[] {
  const podIds = [...new Set(episodes.map((e) => e.podId))];
  return podIds
    .flatMap((podId) => repeatedKeeps(episodes, podId, now, lookBackMs) ?? [])
    .sort((a, b) => b.idleUsd - a.idleUsd || a.podName.localeCompare(b.podName));
}
