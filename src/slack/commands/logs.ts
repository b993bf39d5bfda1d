import { buildLogsReply } from '../blocks/logs-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

/** `/pod logs <pod> [lines]`: the container log's last lines, to the asker alone. */
export const handleLogs: CommandHandler<Extract<PodCommand, { name: 'logs' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.access.logs(ctx.userId, command.pod, command.lines);
  await ctx.reply(result.ok ? buildLogsReply(result.value) : errorReply(result.error, { ref: command.pod }));
};
