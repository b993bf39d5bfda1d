import { z } from 'zod';
import { formatDuration } from '../../lib/duration.js';
import type { IdleChoice } from '../../services/idle-service.js';
import { ActionId } from '../action-ids.js';
import { idleMessages } from '../blocks/idle-messages.js';
import type { ActionHandler } from '../context.js';
import { errorText } from '../error-text.js';

const CHOICES: Record<string, IdleChoice> = {
  [ActionId.idleStopNow]: 'stop_now',
  [ActionId.idleKeep1h]: 'keep_1h',
  [ActionId.idleKeep4h]: 'keep_4h',
  [ActionId.idleKeepUntil]: 'keep_until',
  [ActionId.idleClaim]: 'claim',
};

/** The button's value: an episode id, and nothing more is believed of it. */
const EpisodeIdSchema = z.string().trim().min(1).max(100);

/**
 * Stop now / Keep 1 h / Keep 4 h / Keep until 09:00 / Claim on an idle prompt. The service checks
 * the clicker, the episode and its state again; the prompt is updated in place, refusals are
 * ephemeral to the clicker.
 */
export const handleIdleAnswer: ActionHandler = async (ctx) => {
  const choice = CHOICES[ctx.actionId];
  const episodeId = EpisodeIdSchema.safeParse(ctx.value);
  if (!choice || !episodeId.success) {
    await ctx.reply({ text: 'This button is not valid any more; nothing changed.' });
    return;
  }
  const result = await ctx.deps.services.idle.answer(
    { actor: ctx.userId, episodeId: episodeId.data, choice },
    idleMessages,
  );
  if (!result.ok) {
    const error = result.error;
    const text =
      error.kind === 'not_decidable' && error.reason === 'not_owner'
        ? 'Only the owner or an admin can decide on this pod; nothing changed.'
        : errorText(error);
    await ctx.reply({ text });
    return;
  }
  const outcome = result.value;
  const updatedHere = outcome.updated.some((p) => p.channel === ctx.channelId && p.ts === ctx.messageTs);
  if (!updatedHere) {
    await ctx.replaceOriginal({
      text: outcome.message.text,
      ...(outcome.message.blocks ? { blocks: outcome.message.blocks } : {}),
    });
  }
  if (outcome.capped) {
    await ctx.reply({
      text: `Members can keep a pod for at most ${formatDuration(ctx.deps.settings.idleMaxKeepMs)} (\`IDLE_MAX_KEEP\`), so the keep was cut to that; the prompt says until when.`,
    });
  }
};
