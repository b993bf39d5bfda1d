import { buildConnectReply } from '../blocks/connect-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

/** `/pod connect <pod>`: proxy URLs and SSH commands, to the asker alone. */
export const handleConnect: CommandHandler<Extract<PodCommand, { name: 'connect' }>> = async (
  ctx,
  command,
) => {
  const result = await ctx.deps.services.access.connect(ctx.userId, command.pod);
  await ctx.reply(
    result.ok ? buildConnectReply(result.value) : errorReply(result.error, { ref: command.pod }),
  );
};
