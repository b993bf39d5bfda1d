import { buildStopReply } from '../blocks/stop-blocks.js';
import type { ActionHandler } from '../context.js';
import { PodButtonValueSchema, STALE_BUTTON_TEXT } from './pod-button-value.js';
import { showPodOutcome } from './show-pod-outcome.js';
import { buttonErrorReply } from './terminated-pod.js';

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
    await ctx.reply(await buttonErrorReply(ctx, podId.data, result.error));
    return;
  }
  const reply = buildStopReply(result.value, ctx.userId);
  await showPodOutcome(ctx, reply);
};
