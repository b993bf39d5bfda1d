import { buildSubscribedReply, buildUnsubscribedReply } from '../blocks/digest-replies.js';
import type { PodCommand } from '../command.js';
import type { CommandHandler } from '../context.js';
import { errorReply } from '../error-text.js';

/**
 * `/pod digest here [HH:MM] [timezone]` · `off` · `now`. Subscribing and unsubscribing are
 * announced in the channel; `now` posts the digest itself into the channel (chat.postMessage and
 * the chart upload), never only as a reply to the asker.
 */
export const handleDigest: CommandHandler<
  Extract<PodCommand, { name: 'digest_here' | 'digest_off' | 'digest_now' }>
> = async (ctx, command) => {
  const digests = ctx.deps.services.digests;
  switch (command.name) {
    case 'digest_here': {
      const result = await digests.subscribe({
        channel: ctx.channelId,
        userId: ctx.userId,
        hour: command.hour,
        minute: command.minute,
        timeZone: command.timeZone,
      });
      if (!result.ok) return ctx.reply(errorReply(result.error));
      return ctx.announce(
        buildSubscribedReply(result.value.subscription, result.value.nextAt, ctx.deps.clock.now()),
      );
    }
    case 'digest_off': {
      const result = await digests.unsubscribe(ctx.channelId, ctx.userId);
      if (!result.ok) return ctx.reply(errorReply(result.error));
      const reply = buildUnsubscribedReply(ctx.userId, result.value.removed);
      return result.value.removed ? ctx.announce(reply) : ctx.reply(reply);
    }
    case 'digest_now': {
      const result = await digests.postNow(ctx.channelId, ctx.userId);
      if (!result.ok) await ctx.reply(errorReply(result.error));
      return;
    }
  }
};
