import { buildHistory } from '../blocks/history-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

export const handleHistory: CommandHandler<Extract<PodCommand, { name: 'history' }>> = async (
  ctx,
  command,
) => {
  const result = await ctx.deps.services.pods.history(command.pod);
  await ctx.reply(
    result.ok
      ? buildHistory(result.value, ctx.deps.settings.digestTz, ctx.deps.clock.now())
      : errorReply(result.error, { ref: command.pod }),
  );
};
