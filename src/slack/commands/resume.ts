import { buildResumeReply } from '../blocks/resume-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

export const handleResume: CommandHandler<Extract<PodCommand, { name: 'resume' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.pods.resume(ctx.userId, command.pod, command.gpuCount);
  if (result.ok) await ctx.announce(buildResumeReply(result.value, ctx.userId));
  else await ctx.reply(errorReply(result.error, { ref: command.pod }));
};
