import { buildPodList } from '../blocks/pod-list-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

export const handleList: CommandHandler<Extract<PodCommand, { name: 'list' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.pods.list(ctx.userId, command.filter);
  await ctx.reply(result.ok ? buildPodList(result.value) : errorReply(result.error));
};
