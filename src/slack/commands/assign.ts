import { buildAssignReply } from '../blocks/lifecycle-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

export const handleAssign: CommandHandler<Extract<PodCommand, { name: 'assign' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.pods.assign(ctx.userId, command.pod, command.userId);
  if (!result.ok) await ctx.reply(errorReply(result.error, { ref: command.pod }));
  else if (result.value.unchanged) await ctx.reply(buildAssignReply(result.value, ctx.userId));
  else await ctx.announce(buildAssignReply(result.value, ctx.userId));
};
