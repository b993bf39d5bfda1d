import { randomUUID } from 'node:crypto';
import { PODWARDEN_ACTOR } from '../../domain/audit.js';
import { episodeTransition } from '../../domain/episode-transition.js';
import { idleDeadline } from '../../domain/idle-deadline.js';
import type { EpisodeAudience, IdleEpisode } from '../../domain/idle-episode.js';
import { describeIdleRule, type IdleEvidence } from '../../domain/idle-evidence.js';
import { auditIdle, type IdleContext } from './idle-context.js';
import { promptMayBeOut, renderEpisodePrompt, sendPrompt } from './prompt-outbox.js';

/** Who is asked about an idle pod: its owner; else IDLE_CHANNEL; else every admin; else nobody. */
export function promptAudience(
  ownerId: string | null,
  settings: IdleContext['settings'],
): { audience: EpisodeAudience; recipients: string[] } {
  if (ownerId !== null) return { audience: 'owner', recipients: [ownerId] };
  if (settings.idleChannel !== null) return { audience: 'channel', recipients: [settings.idleChannel] };
  if (settings.admins.length > 0) return { audience: 'admins', recipients: [...settings.admins] };
  return { audience: 'none', recipients: [] };
}

/**
 * Whether IDLE_CHANNEL can take a prompt with buttons and threads: podwarden joins it when it is
 * public; a private channel it was not invited to is reported (the admins are asked instead).
 */
export async function idleChannelReachable(ctx: IdleContext): Promise<boolean> {
  const channel = ctx.settings.idleChannel;
  if (channel === null || !ctx.notifier.ensureMember) return true;
  try {
    if ((await ctx.notifier.ensureMember(channel)) !== 'invite_needed') return true;
  } catch (error) {
    ctx.logger.warn({ channel, err: error }, 'could not check IDLE_CHANNEL membership; posting anyway');
    return true;
  }
  ctx.logger.error(
    { channel },
    'IDLE_CHANNEL is private and podwarden is not in it: run /invite @podwarden there; asking the admins meanwhile',
  );
  return false;
}

export type OpenResult = 'prompted' | 'exists' | 'nobody' | 'undelivered';

/**
 * Opens the episode of a pod that turned idle and sends its one prompt through the outbox
 * (prompt-outbox.ts). The store admits one active episode per pod, so of two pollers only the one
 * that opened it sends the prompt. A prompt that certainly reached nobody ends the episode at once
 * (no stop without asking); the next poll tries again.
 */
export async function openEpisode(
  ctx: IdleContext,
  input: { podId: string; podName: string; ownerId: string | null; evidence: IdleEvidence },
): Promise<OpenResult> {
  const { settings } = ctx;
  if (settings.idleAction === 'off') return 'nobody';
  const { audience, recipients } = promptAudience(
    input.ownerId,
    input.ownerId === null && !(await idleChannelReachable(ctx))
      ? { ...settings, idleChannel: null }
      : settings,
  );
  if (audience === 'none') return 'nobody';

  const now = ctx.clock.now();
  const schedule = idleDeadline(now, input.evidence.timing?.graceMs ?? settings.idleGraceMs);
  const episode: IdleEpisode = {
    id: randomUUID(),
    podId: input.podId,
    podName: input.podName,
    ownerId: input.ownerId,
    audience,
    state: 'open',
    action: settings.idleAction,
    idleSince: new Date(input.evidence.idleSince),
    openedAt: now,
    reminderAt: schedule.reminderAt,
    remindedAt: null,
    deadlineAt: schedule.deadlineAt,
    messages: [],
    evidence: JSON.stringify(input.evidence),
    costPerHr: input.evidence.costPerHr,
    decidedBy: null,
    decidedAt: null,
    stopAttempts: 0,
    updatedAt: now,
  };
  const opened = await ctx.store.openEpisode(episode);
  if (!opened) return 'exists';

  const message = await renderEpisodePrompt(ctx, opened, now);
  for (const recipient of recipients) {
    try {
      await sendPrompt(ctx, opened, recipient, message);
    } catch (error) {
      ctx.logger.warn(
        { episode: opened.id, pod: opened.podId, err: error },
        'could not deliver an idle prompt',
      );
    }
  }
  // What the outbox says, not what this process saw: a post whose answer was lost may be out.
  const outbox = await ctx.store.listPromptOutbox(opened.id);
  const delivered = outbox.filter((row) => row.state === 'posted').map((row) => row.recipient);
  if (delivered.length === 0 && !(await promptMayBeOut(ctx, opened.id))) {
    const gone = episodeTransition({ type: 'gone' });
    await ctx.store.transitionEpisode(opened.id, gone.from, gone.to, { updatedAt: ctx.clock.now() });
    return 'undelivered';
  }
  const unsettled = outbox.filter((row) => row.state !== 'posted').map((row) => row.recipient);

  await auditIdle(ctx, {
    actor: PODWARDEN_ACTOR,
    podId: opened.podId,
    podName: opened.podName,
    action: 'idle_prompt',
    outcome: opened.action === 'dry-run' ? 'dry_run' : 'ok',
    reason: `idle: ${describeIdleRule(input.evidence.rule)}`,
    detail: `asked ${audience === 'owner' ? 'the owner' : audience === 'channel' ? 'the idle channel' : 'the admins'} (${delivered.join(', ')}${unsettled.length > 0 ? `; not yet confirmed: ${unsettled.join(', ')}` : ''}); deadline ${opened.deadlineAt.toISOString()} (${opened.action})`,
    evidence: opened.evidence,
  });
  ctx.logger.info({ episode: opened.id, pod: opened.podId, audience }, 'idle prompt sent');
  return 'prompted';
}
