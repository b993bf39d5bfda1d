import { PODWARDEN_ACTOR } from '../../domain/audit.js';
import { episodeTransition } from '../../domain/episode-transition.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import type { OutgoingMessage } from '../ports.js';
import { episodeEvidence } from './episode-evidence.js';
import { episodeTimeZone, type IdleContext, updateEpisodeMessages } from './idle-context.js';
import type { OutcomeView } from './idle-messages.js';

type Place = { channel: string; ts: string };

export type EndReason =
  | { outcome: 'busy' }
  | { outcome: 'gone' }
  | { outcome: 'kept'; by: string; until: Date }
  | { outcome: 'exempt'; by: string };

export type EndResult = { episode: IdleEpisode; message: OutgoingMessage; updated: Place[] };

/** A person's stop or terminate of the pod since the prompt opened, if the audit log has one. */
async function stoppedByCommand(ctx: IdleContext, episode: IdleEpisode): Promise<OutcomeView['stoppedBy']> {
  const recent = await ctx.store.listAudit(episode.podId, 10);
  const entry = recent.find(
    (e) =>
      (e.action === 'stop' || e.action === 'terminate') &&
      e.outcome === 'ok' &&
      e.actor !== PODWARDEN_ACTOR &&
      e.at.getTime() >= episode.openedAt.getTime(),
  );
  if (!entry || (entry.action !== 'stop' && entry.action !== 'terminate')) return null;
  return { actor: entry.actor, at: entry.at, action: entry.action, isAsked: entry.actor === episode.ownerId };
}

/**
 * Ends an episode that no stop is needed for (busy again, stopped elsewhere, kept, exempted) by
 * compare-and-set, and updates the prompt in place. Null when the episode had moved on already.
 */
export async function endEpisode(
  ctx: IdleContext,
  episode: IdleEpisode,
  reason: EndReason,
): Promise<EndResult | null> {
  const now = ctx.clock.now();
  const by = reason.outcome === 'kept' || reason.outcome === 'exempt' ? reason.by : null;
  const move = episodeTransition({
    type: reason.outcome === 'busy' ? 'busy_again' : reason.outcome === 'gone' ? 'gone' : 'keep',
  });
  const moved = await ctx.store.transitionEpisode(episode.id, move.from, move.to, {
    updatedAt: now,
    ...(by !== null ? { decidedBy: by, decidedAt: now } : {}),
  });
  if (!moved) return null;
  const view: OutcomeView = {
    outcome: reason.outcome,
    podId: episode.podId,
    podName: episode.podName,
    by,
    at: now,
    until: reason.outcome === 'kept' ? reason.until : null,
    escalatedTo: null,
    evidence: episodeEvidence(episode),
    timeZone: await episodeTimeZone(ctx, episode),
    now,
  };
  if (reason.outcome === 'gone') view.stoppedBy = await stoppedByCommand(ctx, episode);
  const message = ctx.messages.outcome(view);
  const updated = await updateEpisodeMessages(ctx, moved, message);
  ctx.logger.info({ episode: episode.id, pod: episode.podId, outcome: reason.outcome }, 'idle episode ended');
  return { episode: moved, message, updated };
}
