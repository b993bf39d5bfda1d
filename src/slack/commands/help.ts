import { roleOf } from '../../domain/permissions.js';
import { buildHelp, buildHelpCard } from '../blocks/help-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';

/** `/pod` alone: the short card; `/pod help`: everything. */
export const handleHelp: CommandHandler<Extract<PodCommand, { name: 'help' }>> = async (ctx, command) => {
  const role = roleOf(ctx.userId, ctx.deps.settings);
  await ctx.reply(command.card ? buildHelpCard(role) : buildHelp(role));
};
