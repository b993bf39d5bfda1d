import { buildResumeReply } from '../blocks/resume-blocks.js';
import type { ActionHandler } from '../context.js';
import { errorReply } from '../error-text.js';
import { PodButtonValueSchema, STALE_BUTTON_TEXT } from './pod-button-value.js';
import { showPodOutcome } from './show-pod-outcome.js';

/** The Resume button: like `/pod resume <pod>`, with the outcome shown in place of the message. */
export const handlePodResumeButton: ActionHandler = async (ctx) => {
  const podId = PodButtonValueSchema.safeParse(ctx.value);
  if (!podId.success) {
    await ctx.reply({ text: STALE_BUTTON_TEXT });
    return;
  }
  const result = await ctx.deps.services.pods.resume(ctx.userId, { id: podId.data }, null);
  if (!result.ok) {
    await ctx.reply(errorReply(result.error, { ref: podId.data }));
    return;
  }
  const reply = buildResumeReply(result.value, ctx.userId);
  await showPodOutcome(ctx, reply);
};
