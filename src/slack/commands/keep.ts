import { idleMessages } from '../blocks/idle-messages.js';
import { keepReply } from '../blocks/idle-replies.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorText } from '../error-text.js';

/** `/pod keep <pod> <duration|until HH:MM> [reason]`: announced in the channel; refusals ephemeral. */
export const handleKeep: CommandHandler<Extract<PodCommand, { name: 'keep' }>> = async (ctx, command) => {
  const result = await ctx.deps.services.idle.keep(
    { actor: ctx.userId, ref: command.pod, request: command.keep, reason: command.reason },
    idleMessages,
  );
  if (!result.ok) {
    await ctx.reply({ text: errorText(result.error, { ref: command.pod }) });
    return;
  }
  await ctx.announce(
    keepReply({
      actor: ctx.userId,
      outcome: result.value,
      reason: command.reason,
      maxKeepMs: ctx.deps.settings.idleMaxKeepMs,
      now: ctx.deps.clock.now(),
    }),
  );
};
