import { randomUUID } from 'node:crypto';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';
import type { Reply } from './context.js';
import { errorReply } from './error-text.js';

export const newReference = (): string => randomUUID().replace(/-/g, '').slice(0, 10);

/**
 * The backstop of every handler: whatever escapes (a Slack API error, a bug) is logged once with
 * a reference id, and the user is told that id instead of being left with silence.
 */
export async function runSafely(
  logger: Logger,
  metrics: Metrics,
  work: () => Promise<void>,
  tellUser: (message: Reply) => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reference = newReference();
    metrics.increment('podwarden_slack_handler_failures_total');
    logger.error({ err: error, reference }, 'slack handler failed');
    try {
      await tellUser(errorReply({ kind: 'unexpected', reference }));
    } catch (notice) {
      logger.warn({ err: notice, reference }, 'could not tell the user about a failure');
    }
  }
}
