import { buildClaimReply } from '../blocks/lifecycle-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

export const handleClaim: CommandHandler<Extract<PodCommand, { name: 'claim' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.pods.claim(ctx.userId, command.pod);
  if (!result.ok) await ctx.reply(errorReply(result.error, { ref: command.pod }));
  else if (result.value.unchanged) await ctx.reply(buildClaimReply(result.value, ctx.userId));
  else await ctx.announce(buildClaimReply(result.value, ctx.userId));
};
