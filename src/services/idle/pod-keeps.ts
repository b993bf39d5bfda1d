import { KEEPS_LOOKBACK_MS, type RepeatedKeeps, repeatedKeeps } from '../../domain/repeated-keeps.js';
import type { IdleContext } from './idle-context.js';

/** The pod's repeated keeps over the look-back, from the episodes the store already holds. */
export async function podKeeps(ctx: IdleContext, podId: string, now: Date): Promise<RepeatedKeeps | null> {
  const episodes = await ctx.store.listPodEpisodesSince(podId, new Date(now.getTime() - KEEPS_LOOKBACK_MS));
  return repeatedKeeps(episodes, podId, now);
}
