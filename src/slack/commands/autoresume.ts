import { autoresumeReply } from '../blocks/autoresume-blocks.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorText } from '../error-text.js';

/** `/pod autoresume <pod> on|off`, owner or admins: announced in the channel. */
export const handleAutoresume: CommandHandler<Extract<PodCommand, { name: 'autoresume' }>> = async (
  ctx,
  command,
) => {
  const result = await ctx.deps.services.autoresume.set({
    actor: ctx.userId,
    ref: command.pod,
    enabled: command.enabled,
  });
  if (!result.ok) {
    await ctx.reply({ text: errorText(result.error, { ref: command.pod }) });
    return;
  }
  await ctx.announce(autoresumeReply({ actor: ctx.userId, setting: result.value }));
};
