import { z } from 'zod';
import { buildPodList } from '../blocks/pod-list-blocks.js';
import type { ActionHandler } from '../context.js';
import { errorReply } from '../error-text.js';
import { STALE_BUTTON_TEXT } from './pod-button-value.js';

const ListMoreSchema = z.object({
  filter: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('mine') }),
    z.object({ kind: z.literal('running') }),
    z.object({ kind: z.literal('stopped') }),
    z.object({ kind: z.literal('user'), userId: z.string().regex(/^[UW][A-Z0-9]+$/) }),
  ]),
  offset: z.number().int().min(0).max(10_000),
});

/** "Show 20 more" under a long list: the next page, in place of the list. */
export const handleListMore: ActionHandler = async (ctx) => {
  let parsed: z.infer<typeof ListMoreSchema>;
  try {
    parsed = ListMoreSchema.parse(JSON.parse(ctx.value));
  } catch {
    await ctx.reply({ text: STALE_BUTTON_TEXT });
    return;
  }
  const result = await ctx.deps.services.pods.list(ctx.userId, parsed.filter);
  if (!result.ok) {
    await ctx.reply(errorReply(result.error));
    return;
  }
  const offset = parsed.offset < result.value.pods.length ? parsed.offset : 0;
  await ctx.replaceOriginal(buildPodList(result.value, offset));
};
