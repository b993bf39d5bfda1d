import { buildNoticeModal, buildTerminateModal, terminateLoadingText } from '../blocks/terminate-modal.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply, errorText } from '../error-text.js';
import { MODAL_DATA_BUDGET_MS, raceBudget } from '../race-budget.js';

const TITLE = 'Terminate pod';

/**
 * Opens the confirmation modal within the trigger's 3 s: permission and the pod are checked first
 * when RunPod answers quickly; otherwise a "Loading…" modal opens and is filled in afterwards.
 */
export const handleTerminate: CommandHandler<Extract<PodCommand, { name: 'terminate' }>> = async (
  ctx,
  command,
) => {
  const lookup = ctx.deps.services.pods.terminateCandidate(ctx.userId, command.pod);
  const quick = await raceBudget(lookup, MODAL_DATA_BUDGET_MS);
  if (quick.done) {
    if (quick.value.ok)
      await ctx.openModal(buildTerminateModal(quick.value.value, ctx.channelId, ctx.responseUrl));
    else await ctx.reply(errorReply(quick.value.error, { ref: command.pod }));
    return;
  }
  const viewId = await ctx.openModal(buildNoticeModal(TITLE, terminateLoadingText(command.pod)));
  const result = await lookup;
  if (result.ok) {
    await ctx.updateModal(viewId, buildTerminateModal(result.value, ctx.channelId, ctx.responseUrl));
    return;
  }
  await ctx.updateModal(viewId, buildNoticeModal(TITLE, errorText(result.error, { ref: command.pod })));
  await ctx.reply(errorReply(result.error, { ref: command.pod }));
};
