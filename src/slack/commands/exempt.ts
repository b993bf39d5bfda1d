import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';

/** Placeholder until its change lands. */
export const handleExempt: CommandHandler<Extract<PodCommand, { name: 'exempt' | 'unexempt' }>> = async (
  ctx,
) => {
  await ctx.reply({ text: 'This command is not available yet.' });
};
