import { PODWARDEN_ACTOR } from '../../domain/audit.js';
import { episodeTransition } from '../../domain/episode-transition.js';
import type { IdleEpisode } from '../../domain/idle-episode.js';
import type { IdleEvidence } from '../../domain/idle-evidence.js';
import type { OutgoingMessage } from '../ports.js';
import { deferEscalation, sendEscalation } from './escalation-outbox.js';
import { auditIdle, episodeTimeZone, type IdleContext, postInThreads } from './idle-context.js';
import { idleChannelReachable } from './open-episode.js';

const undeliveredEscalationText = (channel: string, reason: string) =>
  `I could not post this in <#${channel}> (Slack said: ${reason}), so I am telling the admins here; I will post it there once I can. If I was removed from the channel or it is private, invite me back with \`/invite @podwarden\`.`;

async function escalateToAdmins(
  ctx: IdleContext,
  episode: IdleEpisode,
  escalation: OutgoingMessage,
  note: string | null,
): Promise<void> {
  for (const admin of ctx.settings.admins) {
    try {
      await ctx.notifier.post(
        admin,
        note ? { ...escalation, text: `${note}\n\n${escalation.text}` } : escalation,
      );
    } catch (dmError) {
      ctx.logger.error({ episode: episode.id, err: dmError }, 'could not tell an admin about the escalation');
    }
  }
}

/**
 * ask-only: at the deadline nobody answered, so IDLE_CHANNEL is told (in the prompt's thread when
 * the prompt lives there) and the pod keeps running. The prompt's buttons keep working.
 */
export async function escalateEpisode(
  ctx: IdleContext,
  episode: IdleEpisode,
  evidence: IdleEvidence | null,
): Promise<boolean> {
  const now = ctx.clock.now();
  const move = episodeTransition({ type: 'escalate' });
  const moved = await ctx.store.transitionEpisode(episode.id, move.from, move.to, { updatedAt: now });
  if (!moved) return false;

  // IDLE_CHANNEL private and not joined: the escalation goes to each admin's DM instead, and to
  // the channel once podwarden is invited (escalation-outbox.ts).
  const idleChannel = ctx.settings.idleChannel;
  const reachable = await idleChannelReachable(ctx);
  const channel = reachable ? idleChannel : null;
  const timeZone = await episodeTimeZone(ctx, episode);
  const promptInChannel = channel === null ? undefined : moved.messages.find((m) => m.channel === channel);
  if (idleChannel !== null) {
    const escalation = ctx.messages.escalation({
      podId: episode.podId,
      podName: episode.podName,
      ownerId: episode.ownerId,
      evidence,
      openedAt: episode.openedAt,
      timeZone: ctx.settings.digestTz,
      now,
    });
    if (reachable) {
      const outcome = await sendEscalation(ctx, episode.id, idleChannel, {
        ...escalation,
        threadTs: promptInChannel?.ts,
      });
      // IDLE_CHANNEL refused it (removed, archived): the admins get it in their DMs, once.
      if (outcome.kind === 'not_sent') {
        ctx.logger.warn(
          { episode: episode.id, pod: episode.podId, channel: idleChannel, reason: outcome.reason },
          'could not post the escalation',
        );
        await escalateToAdmins(
          ctx,
          episode,
          escalation,
          undeliveredEscalationText(idleChannel, outcome.reason),
        );
      }
    } else {
      await deferEscalation(ctx, episode.id, idleChannel, escalation);
      await escalateToAdmins(ctx, episode, escalation, null);
    }
  }
  const elsewhere = moved.messages.filter((m) => m !== promptInChannel);
  await postInThreads(
    ctx,
    { ...moved, messages: elsewhere },
    ctx.messages.outcome({
      outcome: 'escalated',
      podId: episode.podId,
      podName: episode.podName,
      by: null,
      at: now,
      until: null,
      escalatedTo: channel,
      evidence,
      timeZone,
      now,
    }),
  );
  await auditIdle(ctx, {
    actor: PODWARDEN_ACTOR,
    podId: episode.podId,
    podName: episode.podName,
    action: 'idle_escalate',
    outcome: 'ok',
    reason: 'idle: no answer by the deadline (ask-only)',
    detail: channel === null ? 'no IDLE_CHANNEL: noted in the prompt thread' : `told ${channel}`,
    evidence: JSON.stringify(evidence),
  });
  return true;
}

/** dry-run: at the deadline podwarden only notes in the thread that it would have stopped the pod. */
export async function dryRunEpisode(
  ctx: IdleContext,
  episode: IdleEpisode,
  evidence: IdleEvidence | null,
): Promise<boolean> {
  const now = ctx.clock.now();
  const move = episodeTransition({ type: 'dry_run_deadline' });
  const moved = await ctx.store.transitionEpisode(episode.id, move.from, move.to, { updatedAt: now });
  if (!moved) return false;
  const timeZone = await episodeTimeZone(ctx, episode);
  await postInThreads(
    ctx,
    moved,
    ctx.messages.dryRunNote({
      podId: episode.podId,
      podName: episode.podName,
      ownerId: episode.ownerId,
      evidence,
      timeZone,
      now,
    }),
  );
  await auditIdle(ctx, {
    actor: PODWARDEN_ACTOR,
    podId: episode.podId,
    podName: episode.podName,
    action: 'idle_dry_run',
    outcome: 'dry_run',
    reason: 'idle: no answer by the deadline (dry-run)',
    detail: 'would have stopped the pod',
    evidence: JSON.stringify(evidence),
  });
  return true;
}
