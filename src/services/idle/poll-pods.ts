import { RunpodError } from '../../domain/errors.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import { nextPodSeen, podChange, podSample } from '../../domain/idle-sampling.js';
import { idleLookbackMs } from '../../domain/idle-timing.js';
import type { Pod } from '../../domain/pod.js';
import type { PodSeen } from '../../domain/samples.js';
import { breather } from '../../lib/breather.js';
import type { IdleContext } from './idle-context.js';
import type { QuietHistories } from './quiet-histories.js';
import type { RecentSamples } from './recent-samples.js';
import { type SweepCounts, sweepEpisodes } from './sweep-episodes.js';
import { reportUnexpectedStops } from './unexpected-stops.js';

/** How far back episodes are looked at to hold back a new prompt after an escalation or a dry run. */
const WAITING_LOOKBACK_MS = 7 * 86_400_000;

export type PollReport =
  | ({ ok: true; pods: number; samples: number; unexpectedStops: number } & SweepCounts)
  | { ok: false; reason: string };

/**
 * One poll: ONE listPods, one sample per pod, what podwarden remembers per pod, then the idle flow
 * (prompts, reminders, deadlines, ends), unexpected stops and the end of savings for pods running
 * again. A failed listPods is logged and tried again next interval; it never counts as idle.
 * Samples and sightings are written in multi-row statements; the idle window comes from `recent`,
 * which keeps it in memory between polls.
 */
export async function pollPods(
  ctx: IdleContext,
  recent: RecentSamples,
  histories: QuietHistories,
): Promise<PollReport> {
  const now = ctx.clock.now();
  const log = ctx.logger.child({ job: 'poll' });
  let pods: Pod[];
  try {
    pods = await ctx.gateway.listPods();
  } catch (error) {
    const reason = error instanceof RunpodError ? error.kind : 'unexpected';
    log.warn({ kind: reason, err: error }, 'poll failed; trying again next interval');
    return { ok: false, reason };
  }

  // Each step below reads or writes thousands of rows at scale: the event loop runs between them.
  const breathe = breather();
  await breathe();
  const owners = await ctx.store.listOwners();
  await breathe();
  const seenList = await ctx.store.listPodSeen();
  await breathe();
  const previous = new Map(seenList.map((s) => [s.podId, s]));
  // A pod RunPod described unreadably is neither sampled nor judged, and not taken for gone.
  const unreadable = new Set(pods.filter((pod) => pod.unreadable !== undefined).map((pod) => pod.id));
  const present = pods.filter((pod) => pod.status !== 'TERMINATED' && !unreadable.has(pod.id));
  const samples = present.map((pod) => podSample(pod, owners.get(pod.id) ?? null, now));
  await breathe();
  await ctx.store.insertSamples(samples);
  recent.add(samples);
  await breathe();

  const seen = new Map<string, PodSeen>();
  const started: Pod[] = [];
  const stopped: { pod: Pod; previous: PodSeen }[] = [];
  for (const pod of present) {
    const before = previous.get(pod.id) ?? null;
    seen.set(pod.id, nextPodSeen(before, pod, now));
    const change = podChange(before, pod);
    if (change === 'started') started.push(pod);
    if (change === 'stopped' && before) stopped.push({ pod, previous: before });
  }
  // A pod gone from the account (terminated) is remembered as such.
  const gone = seenList.filter(
    (s) => s.lastStatus !== 'TERMINATED' && !seen.has(s.podId) && !unreadable.has(s.podId),
  );
  await breathe();
  await ctx.store.upsertPodSeenMany([
    ...seen.values(),
    ...gone.map((before) => ({ ...before, lastStatus: 'TERMINATED', runningSince: null, lastSeenAt: now })),
  ]);

  // A pod running again, or gone from the account (terminated), saves nothing any more.
  for (const podId of [...started.map((pod) => pod.id), ...gone.map((s) => s.podId)]) {
    try {
      await ctx.store.endSavings(podId, now);
    } catch (error) {
      log.error({ pod: podId, err: error }, 'could not end the saving of a pod');
    }
  }

  await breathe();
  const active = await ctx.store.listActiveEpisodes();
  await breathe();
  let counts: SweepCounts = {
    prompts: 0,
    reminders: 0,
    stops: 0,
    failedStops: 0,
    ended: 0,
    escalations: 0,
    dryRuns: 0,
  };
  if (ctx.settings.idleAction !== 'off') {
    const windowFrom = new Date(now.getTime() - idleLookbackMs(ctx.settings));
    const [samplesByPod, exempt, keeps] = await Promise.all([
      recent.byPod(windowFrom, new Date(now.getTime() + 1)),
      ctx.store.listExempt(),
      ctx.store.listKeeps(now),
    ]);
    await breathe();
    const recentEpisodes = await ctx.store.listEpisodesSince(new Date(now.getTime() - WAITING_LOOKBACK_MS));
    await breathe();
    counts = await sweepEpisodes(ctx, {
      pods: present,
      samplesByPod,
      latestByPod: new Map(samples.map((s) => [s.podId, s])),
      seen,
      owners,
      exempt,
      keeps: new Map(keeps.map((keep) => [keep.podId, keep])),
      active,
      histories,
      newestEpisode: newestByPod(recentEpisodes),
    });
  }

  const unexpectedStops = await reportUnexpectedStops(ctx, stopped, owners, active);
  log.debug({ pods: pods.length, ...counts, unexpectedStops }, 'poll done');
  return { ok: true, pods: pods.length, samples: samples.length, unexpectedStops, ...counts };
}

/** listEpisodesSince is newest first: the first one seen per pod is its newest. */
function newestByPod(episodes: readonly IdleEpisode[]): Map<string, IdleEpisode> {
  const newest = new Map<string, IdleEpisode>();
  for (const episode of episodes) if (!newest.has(episode.podId)) newest.set(episode.podId, episode);
  return newest;
}
