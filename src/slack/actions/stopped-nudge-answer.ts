import type { StoppedChoice } from '../../domain/stopped-nudge.js';
import { ActionId } from '../action-ids.js';
import { stoppedMessages } from '../blocks/stopped-nudge.js';
import type { ActionHandler } from '../context.js';
import { errorText } from '../error-text.js';
import { PodButtonValueSchema, STALE_BUTTON_TEXT } from './pod-button-value.js';

const CHOICES: Record<string, StoppedChoice> = {
  [ActionId.stoppedKeep30d]: 'keep_30d',
  [ActionId.stoppedRemind7d]: 'remind_7d',
};

/**
 * Keep 30 days / Remind me in 7 days on a stopped-pod nudge. The service checks the clicker and
 * the stretch again; the nudge is updated in place, refusals are ephemeral to the clicker.
 */
export const handleStoppedNudgeAnswer: ActionHandler = async (ctx) => {
  const choice = CHOICES[ctx.actionId];
  const podId = PodButtonValueSchema.safeParse(ctx.value);
  if (!choice || !podId.success) {
    await ctx.reply({ text: STALE_BUTTON_TEXT });
    return;
  }
  const result = await ctx.deps.services.stopped.answer(
    { actor: ctx.userId, podId: podId.data, choice },
    stoppedMessages,
  );
  if (!result.ok) {
    const error = result.error;
    const text =
      error.kind === 'not_decidable' && error.reason === 'not_owner'
        ? 'Only the owner or an admin can decide on this pod; nothing changed.'
        : error.kind === 'not_decidable' && error.reason === 'closed'
          ? 'This pod is no longer stopped (it runs again or is gone); nothing changed.'
          : errorText(error);
    await ctx.reply({ text });
    return;
  }
  const { message } = result.value;
  await ctx.replaceOriginal({ text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
};
