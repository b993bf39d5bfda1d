import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';

/** Placeholder until its change lands. */
export const handleDigest: CommandHandler<
  Extract<PodCommand, { name: 'digest_here' | 'digest_off' | 'digest_now' }>
> = async (ctx) => {
  await ctx.reply({ text: 'This command is not available yet.' });
};
