import { buildPodStatus } from '../blocks/pod-status-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

export const handleStatus: CommandHandler<Extract<PodCommand, { name: 'status' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.pods.status(ctx.userId, command.pod);
  await ctx.reply(
    result.ok
      ? buildPodStatus(result.value, ctx.deps.settings.digestTz)
      : errorReply(result.error, { ref: command.pod }),
  );
};
