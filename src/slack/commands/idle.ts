import { idleListReply } from '../blocks/idle-list.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorText } from '../error-text.js';

/** `/pod idle`: pods idle right now, with owner, idle time and idle dollars; ephemeral. */
export const handleIdle: CommandHandler<Extract<PodCommand, { name: 'idle' }>> = async (ctx) => {
  const result = await ctx.deps.services.idle.listIdle(ctx.userId);
  await ctx.reply(result.ok ? idleListReply(result.value) : { text: errorText(result.error) });
};
