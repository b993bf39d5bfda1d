import { parseListPlace } from '../blocks/list-place.js';
import { buildPodList } from '../blocks/pod-list-blocks.js';
import type { ActionContext, Reply } from '../context.js';

/**
 * After a Stop or Resume button: a `/pod list` shows itself again in place, with the pod's new
 * state and buttons, and the outcome is announced in the channel; on any other message the
 * outcome replaces the message (and is announced when only the clicker could see it).
 */
export async function showPodOutcome(ctx: ActionContext, outcome: Reply): Promise<void> {
  const place = parseListPlace(ctx.blockId);
  if (place) {
    const listed = await ctx.deps.services.pods.list(ctx.userId, place.filter);
    if (listed.ok) {
      const offset = place.offset < listed.value.pods.length ? place.offset : 0;
      await ctx.replaceOriginal(buildPodList(listed.value, offset));
      if (ctx.channelId) await ctx.announce(outcome);
      return;
    }
  }
  await ctx.replaceOriginal(outcome);
  if (ctx.isEphemeral && ctx.channelId) await ctx.announce(outcome);
}
