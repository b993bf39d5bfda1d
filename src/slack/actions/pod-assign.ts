import { decide } from '../../domain/permissions.js';
import { buildAssignModal } from '../blocks/assign-modal.js';
import type { ActionHandler } from '../context.js';
import { errorReply } from '../error-text.js';
import { PodButtonValueSchema, STALE_BUTTON_TEXT } from './pod-button-value.js';

/** Assign on the Home tab: admins pick the new owner in a modal (checked again on submit). */
export const handlePodAssignButton: ActionHandler = async (ctx) => {
  const podId = PodButtonValueSchema.safeParse(ctx.value);
  if (!podId.success) {
    await ctx.reply({ text: STALE_BUTTON_TEXT });
    return;
  }
  const decision = decide('assign', ctx.userId, null, ctx.deps.settings);
  if (!decision.allowed) {
    await ctx.reply(errorReply({ kind: 'admin_only', action: 'assign' }));
    return;
  }
  await ctx.openModal(buildAssignModal({ id: podId.data, name: podId.data }));
};
