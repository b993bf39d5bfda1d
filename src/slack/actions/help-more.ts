import { roleOf } from '../../domain/permissions.js';
import { buildHelp } from '../blocks/help-blocks.js';
import type { ActionHandler } from '../context.js';

/** More on the `/pod` card: the whole help takes the card's place. */
export const handleHelpMore: ActionHandler = async (ctx) => {
  await ctx.replaceOriginal(buildHelp(roleOf(ctx.userId, ctx.deps.settings)));
};
