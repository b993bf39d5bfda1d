import { buildCostReply } from '../blocks/cost-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

/** `/pod cost [today|yesterday|week|month] [@user]`: anyone may ask; the answer is ephemeral to the asker. */
export const handleCost: CommandHandler<Extract<PodCommand, { name: 'cost' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.cost.report({
    askerId: ctx.userId,
    period: command.period,
    userId: command.userId,
  });
  await ctx.reply(result.ok ? buildCostReply(result.value) : errorReply(result.error));
};
