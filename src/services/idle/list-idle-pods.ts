import type { IdleEpisode } from '../../domain/idle-episode.js';
import { idleCostUsd } from '../../domain/idle-evidence.js';
import { idleRuleFrom, idleStretchStart, idleVerdict } from '../../domain/idle-verdict.js';
import { keepHolds } from '../../domain/keep-until.js';
import type { PodSample } from '../../domain/samples.js';
import type { ServiceDeps } from '../ports.js';

/** How far back `/pod idle` looks for the start of an idle stretch. */
const STRETCH_LOOKBACK_MS = 24 * 3_600_000;

export type IdlePodView = {
  podId: string;
  podName: string;
  ownerId: string | null;
  idleSince: Date;
  idleMs: number;
  /** costPerHr × idle time of the current stretch. */
  idleUsd: number;
  costPerHr: number;
  gpuCount: number;
  /** The open prompt, if any. */
  episode: Pick<IdleEpisode, 'state' | 'action' | 'deadlineAt' | 'audience'> | null;
  keptUntil: Date | null;
  exempt: boolean;
};

/**
 * The pods idle right now by the idle rule (kept and exempt ones included, marked), from the
 * stored samples only: it answers even when RunPod does not. Most idle dollars first.
 */
export async function listIdlePods(
  ctx: Pick<ServiceDeps, 'store' | 'clock' | 'settings'>,
): Promise<IdlePodView[]> {
  const now = ctx.clock.now();
  const rule = idleRuleFrom(ctx.settings);
  const from = new Date(now.getTime() - rule.windowMs - 2 * rule.pollIntervalMs);
  const to = new Date(now.getTime() + 1);
  const [recent, seenList, owners, exempt, active] = await Promise.all([
    ctx.store.listSamples(null, from, to),
    ctx.store.listPodSeen(),
    ctx.store.listOwners(),
    ctx.store.listExempt(),
    ctx.store.listActiveEpisodes(),
  ]);
  const seen = new Map(seenList.map((s) => [s.podId, s]));
  const byPod = new Map<string, PodSample[]>();
  for (const sample of recent) byPod.set(sample.podId, [...(byPod.get(sample.podId) ?? []), sample]);

  const views: IdlePodView[] = [];
  for (const [podId, samples] of byPod) {
    const verdict = idleVerdict({ samples, now, runningSince: seen.get(podId)?.runningSince ?? null, rule });
    if (!verdict.idle) continue;
    const latest = verdict.window.at(-1);
    if (!latest) continue;
    const history = await ctx.store.listSamples(podId, new Date(now.getTime() - STRETCH_LOOKBACK_MS), to);
    const idleSince = idleStretchStart(history, rule);
    const idleMs = now.getTime() - idleSince.getTime();
    const keep = await ctx.store.getKeep(podId);
    const episode = active.find((e) => e.podId === podId) ?? null;
    views.push({
      podId,
      podName: latest.podName,
      ownerId: owners.get(podId) ?? null,
      idleSince,
      idleMs,
      idleUsd: idleCostUsd(latest.costPerHr, idleMs),
      costPerHr: latest.costPerHr,
      gpuCount: latest.gpuCount,
      episode: episode
        ? {
            state: episode.state,
            action: episode.action,
            deadlineAt: episode.deadlineAt,
            audience: episode.audience,
          }
        : null,
      keptUntil: keep && keepHolds(keep, now) ? keep.until : null,
      exempt: exempt.has(podId),
    });
  }
  return views.sort((a, b) => b.idleUsd - a.idleUsd || b.idleMs - a.idleMs);
}
