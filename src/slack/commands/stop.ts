import { buildStopReply } from '../blocks/stop-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

/** Stop is announced in the channel (naming who); a refusal or error is for the asker only. */
export const handleStop: CommandHandler<Extract<PodCommand, { name: 'stop' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.pods.stop(ctx.userId, command.pod, command.reason);
  if (result.ok) await ctx.announce(buildStopReply(result.value, ctx.userId));
  else await ctx.reply(errorReply(result.error, { ref: command.pod }));
};
