import type { JobRunner } from '../lib/job-runner.js';
import type { Logger } from '../lib/logger.js';
import type { IdleMessages } from '../services/idle/idle-messages.js';
import type { Services } from '../services/services.js';

/** `messages` renders the idle flow's Slack messages; the composition root passes slack/'s builders. */
export type PollerDeps = {
  services: Pick<Services, 'idle'>;
  messages: IdleMessages;
  pollIntervalMs: number;
  logger: Logger;
};

/** One poll: samples every pod and runs the idle flow. RunPod failures are logged inside and retried next time. */
export async function pollOnce(deps: Pick<PollerDeps, 'services' | 'messages' | 'logger'>): Promise<void> {
  const report = await deps.services.idle.poll(deps.messages);
  if (report.ok && (report.prompts > 0 || report.stops > 0 || report.failedStops > 0)) {
    deps.logger.info(
      { job: 'poll', prompts: report.prompts, stops: report.stops, failedStops: report.failedStops },
      'idle flow acted',
    );
  }
}

/**
 * Polls every POLL_INTERVAL, first right away. Ticks never overlap (the runner skips a tick while
 * the previous one runs) and a failing tick is logged and retried at the next interval.
 */
export function startPoller(runner: JobRunner, deps: PollerDeps): void {
  runner.every('poll', deps.pollIntervalMs, () => pollOnce(deps), { runNow: true });
}
