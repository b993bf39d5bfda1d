import { buildTerminateModal } from '../blocks/terminate-modal.js';
import type { ActionHandler } from '../context.js';
import { errorReply } from '../error-text.js';
import { PodButtonValueSchema, STALE_BUTTON_TEXT } from './pod-button-value.js';

/**
 * Terminate… on a stopped-pod nudge: opens the same typed-name confirmation as `/pod terminate`,
 * for the pod's exact id; permission is checked before the modal opens and again on submit.
 */
export const handleStoppedTerminate: ActionHandler = async (ctx) => {
  const podId = PodButtonValueSchema.safeParse(ctx.value);
  if (!podId.success) {
    await ctx.reply({ text: STALE_BUTTON_TEXT });
    return;
  }
  const result = await ctx.deps.services.pods.terminateCandidate(ctx.userId, { id: podId.data });
  if (!result.ok) {
    await ctx.reply(errorReply(result.error, { ref: podId.data }));
    return;
  }
  await ctx.openModal(buildTerminateModal(result.value, ctx.channelId ?? ctx.userId, ctx.responseUrl));
};
