import { roleOf } from '../../domain/permissions.js';
import { buildDeployModal } from '../blocks/deploy-modal.js';
import { buildNoticeModal } from '../blocks/terminate-modal.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply, errorText } from '../error-text.js';

const TITLE = 'Deploy a pod';

/** Opens the deploy form at once: from the cached catalogue, or "Loading…" then filled in. */
export const handleDeploy: CommandHandler<Extract<PodCommand, { name: 'deploy' }>> = async (ctx) => {
  if (roleOf(ctx.userId, ctx.deps.settings) === 'reader') {
    await ctx.reply(errorReply({ kind: 'read_only', action: 'deploy' }));
    return;
  }
  const pods = ctx.deps.services.pods;
  const cached = pods.cachedDeployOptions();
  if (cached) {
    await ctx.openModal(buildDeployModal(cached, ctx.channelId, ctx.responseUrl));
    return;
  }
  const viewId = await ctx.openModal(
    buildNoticeModal(TITLE, 'Loading the GPU catalogue and templates from RunPod…'),
  );
  const options = await pods.deployOptions();
  if (options.ok) {
    await ctx.updateModal(viewId, buildDeployModal(options.value, ctx.channelId, ctx.responseUrl));
    return;
  }
  await ctx.updateModal(viewId, buildNoticeModal(TITLE, errorText(options.error)));
  await ctx.reply(errorReply(options.error));
};
