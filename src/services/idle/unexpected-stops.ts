import type { AuditAction } from '../../domain/audit.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import type { Pod } from '../../domain/pod.js';
import type { PodSeen } from '../../domain/samples.js';
import { type IdleContext, readerTimeZone } from './idle-context.js';

/** Stops someone asked for: through podwarden (commands, buttons, the deadline). */
const ASKED: readonly AuditAction[] = ['stop', 'idle_stop', 'terminate'];
/** How long before the previous sighting a stop request still explains the stop. */
const ASKED_WINDOW_MS = 10 * 60_000;

/**
 * Tells the owner about pods that were RUNNING at the previous poll and are stopped now although
 * nobody asked podwarden to stop them (a spot interruption, the balance at zero). The notice is
 * claimed once per running stretch, so replicas and restarts do not repeat it.
 */
export async function reportUnexpectedStops(
  ctx: IdleContext,
  stopped: readonly { pod: Pod; previous: PodSeen }[],
  owners: ReadonlyMap<string, string>,
  active: readonly IdleEpisode[],
): Promise<number> {
  let reported = 0;
  const autoresume = stopped.length > 0 ? await ctx.store.listAutoresume() : new Set<string>();
  for (const { pod, previous } of stopped) {
    if (active.some((e) => e.podId === pod.id && e.state === 'stopping')) continue;
    const since = previous.lastSeenAt.getTime() - ASKED_WINDOW_MS;
    const recent = await ctx.store.listAudit(pod.id, 20);
    const asked = recent.some(
      (entry) => ASKED.includes(entry.action) && entry.outcome !== 'refused' && entry.at.getTime() >= since,
    );
    if (asked) continue;

    const ownerId = owners.get(pod.id) ?? null;
    const recipient = ownerId ?? ctx.settings.idleChannel;
    const wanted = autoresume.has(pod.id) && pod.status === 'EXITED';
    if (recipient === null && !wanted) continue;
    const stretch = (previous.runningSince ?? previous.lastSeenAt).toISOString();
    const now = ctx.clock.now();
    if (!(await ctx.store.flipAlert(`unexpected-stop:${pod.id}:${stretch}`, true, now, null))) continue;
    if (recipient === null) {
      await openAutoresumeRun(ctx, pod, now, null);
      continue;
    }

    const message = ctx.messages.unexpectedStop({
      podId: pod.id,
      podName: pod.name,
      ownerId,
      status: pod.status,
      lastSeenRunningAt: previous.lastSeenAt,
      noticedAt: now,
      costPerHr: pod.costPerHr,
      timeZone: await readerTimeZone(ctx, ownerId),
      autoresume: wanted,
    });
    let place: { channel: string; ts: string | null } = { channel: recipient, ts: null };
    try {
      place = await ctx.notifier.post(recipient, message);
      reported++;
      ctx.logger.info({ pod: pod.id, status: pod.status }, 'reported an unexpected stop');
    } catch (error) {
      ctx.logger.warn({ pod: pod.id, err: error }, 'could not report an unexpected stop');
    }
    if (wanted) await openAutoresumeRun(ctx, pod, now, place);
  }
  return reported;
}

/** The owner wants the spot pod back: the autoresume job takes it from here, replying in the notice's thread. */
async function openAutoresumeRun(
  ctx: IdleContext,
  pod: Pod,
  now: Date,
  place: { channel: string; ts: string | null } | null,
): Promise<void> {
  try {
    await ctx.store.openAutoresumeRun({
      podId: pod.id,
      podName: pod.name,
      interruptedAt: now,
      channel: place?.channel ?? null,
      threadTs: place?.ts ?? null,
      state: 'trying',
      attempts: 0,
      nextAt: now,
      updatedAt: now,
    });
    ctx.logger.info({ pod: pod.id }, 'autoresume will bid-resume an interrupted spot pod');
  } catch (error) {
    ctx.logger.error({ pod: pod.id, err: error }, 'could not start autoresume for an interrupted pod');
  }
}
