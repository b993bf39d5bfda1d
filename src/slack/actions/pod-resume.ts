import { keepWithNote, resumedNote } from '../blocks/follow-up.js';
import { parseListPlace } from '../blocks/list-place.js';
import { buildResumeReply } from '../blocks/resume-blocks.js';
import type { ActionHandler } from '../context.js';
import { PodButtonValueSchema, STALE_BUTTON_TEXT } from './pod-button-value.js';
import { showPodOutcome } from './show-pod-outcome.js';
import { buttonErrorReply } from './terminated-pod.js';

/**
 * The Resume button: like `/pod resume <pod>`. On a shared message (a stop announcement, an idle
 * stop) the message keeps saying who stopped the pod and why, gains a "resumed by" line and loses
 * its buttons; the resume itself is told in its thread. Elsewhere as showPodOutcome says.
 */
export const handlePodResumeButton: ActionHandler = async (ctx) => {
  const podId = PodButtonValueSchema.safeParse(ctx.value);
  if (!podId.success) {
    await ctx.reply({ text: STALE_BUTTON_TEXT });
    return;
  }
  const result = await ctx.deps.services.pods.resume(ctx.userId, { id: podId.data }, null);
  if (!result.ok) {
    await ctx.reply(await buttonErrorReply(ctx, podId.data, result.error));
    return;
  }
  const reply = buildResumeReply(result.value, ctx.userId);
  if (ctx.message && ctx.messageTs && !parseListPlace(ctx.blockId)) {
    const note = resumedNote(ctx.userId, ctx.deps.clock.now(), ctx.deps.settings.digestTz);
    await ctx.replaceOriginal(keepWithNote(ctx.message, note));
    await ctx.announce({ ...reply, threadTs: ctx.messageTs });
    return;
  }
  await showPodOutcome(ctx, reply);
};
