import { roleOf } from '../../domain/permissions.js';
import { buildHelp } from '../blocks/help-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';

export const handleHelp: CommandHandler<Extract<PodCommand, { name: 'help' }>> = async (ctx) => {
  await ctx.reply(buildHelp(roleOf(ctx.userId, ctx.deps.settings)));
};
