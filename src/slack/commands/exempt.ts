import { idleMessages } from '../blocks/idle-messages.js';
import { exemptReply } from '../blocks/idle-replies.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorText } from '../error-text.js';

/** `/pod exempt <pod>` · `/pod unexempt <pod>`, admins only: announced in the channel. */
export const handleExempt: CommandHandler<Extract<PodCommand, { name: 'exempt' | 'unexempt' }>> = async (
  ctx,
  command,
) => {
  const result = await ctx.deps.services.idle.setExempt(
    { actor: ctx.userId, ref: command.pod, exempt: command.name === 'exempt' },
    idleMessages,
  );
  if (!result.ok) {
    await ctx.reply({ text: errorText(result.error, { ref: command.pod }) });
    return;
  }
  await ctx.announce(exemptReply({ actor: ctx.userId, pod: result.value.pod, exempt: result.value.exempt }));
};
