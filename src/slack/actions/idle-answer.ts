import type { ActionHandler } from '../context.js';

/** Placeholder until its change lands: Stop now / Keep 1 h / Keep 4 h / Keep until 09:00 / Claim on idle prompts. */
export const handleIdleAnswer: ActionHandler = async (ctx) => {
  await ctx.reply({ text: 'This button is not available yet.' });
};
