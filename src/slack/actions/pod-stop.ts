import { buildStopReply } from '../blocks/stop-blocks.js';
import type { ActionHandler } from '../context.js';
import { errorReply } from '../error-text.js';
import { PodButtonValueSchema, STALE_BUTTON_TEXT } from './pod-button-value.js';
import { showPodOutcome } from './show-pod-outcome.js';

/**
 * The Stop button. Permission is checked again by the service (the value proves nothing); the
 * outcome is shown as showPodOutcome says.
 */
export const handlePodStopButton: ActionHandler = async (ctx) => {
  const podId = PodButtonValueSchema.safeParse(ctx.value);
  if (!podId.success) {
    await ctx.reply({ text: STALE_BUTTON_TEXT });
    return;
  }
  const result = await ctx.deps.services.pods.stop(ctx.userId, { id: podId.data }, null);
  if (!result.ok) {
    await ctx.reply(errorReply(result.error, { ref: podId.data }));
    return;
  }
  const reply = buildStopReply(result.value, ctx.userId);
  await showPodOutcome(ctx, reply);
};
