import type { IdleRule } from '../../domain/idle-verdict.js';
import { QUIET_HISTORY_MS, type QuietHistory, quietHistory } from '../../domain/quiet-history.js';
import type { Logger } from '../../lib/logger.js';
import type { SampleStore } from '../ports.js';

/**
 * Each quiet pod's history of quiet stretches (domain/quiet-history.ts), read from the stored raw
 * samples of the last day once per quiet stretch and kept while the pod stays quiet: a pod that
 * shows no busy sample gains no comeback, so the reading stays true until it works again.
 */
export type QuietHistories = {
  /** The pod's history; null when the store could not be read (the rule then says nothing). */
  of(podId: string, now: Date): Promise<QuietHistory | null>;
  /** The pod is not quiet any more (busy, stopped, warming up): its next quiet stretch reads anew. */
  forget(podId: string): void;
  /** Forgets every pod but these (the running pods without an episode): none is kept forever. */
  retain(podIds: ReadonlySet<string>): void;
};

export function createQuietHistories(
  store: Pick<SampleStore, 'listSamples'>,
  rule: Pick<IdleRule, 'gpuUtilMax' | 'cpuBusyPercent'>,
  logger: Logger,
): QuietHistories {
  const known = new Map<string, QuietHistory>();
  return {
    async of(podId, now) {
      const cached = known.get(podId);
      if (cached) return cached;
      try {
        const samples = await store.listSamples(
          podId,
          new Date(now.getTime() - QUIET_HISTORY_MS),
          new Date(now.getTime() + 1),
        );
        const history = quietHistory(samples, rule);
        known.set(podId, history);
        return history;
      } catch (error) {
        logger.warn(
          { pod: podId, err: error },
          'could not read the quiet history of a pod; judging without it',
        );
        return null;
      }
    },
    forget(podId) {
      known.delete(podId);
    },
    retain(podIds) {
      for (const podId of known.keys()) if (!podIds.has(podId)) known.delete(podId);
    },
  };
}
