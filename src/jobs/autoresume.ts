import type { JobRunner } from '../lib/job-runner.js';
import type { AutoresumeMessages, AutoresumeReport } from '../services/autoresume-service.js';
import type { Services } from '../services/services.js';

export type AutoresumeJobDeps = {
  services: Pick<Services, 'autoresume'>;
  /** How the thread replies look; the composition root passes slack/'s builders. */
  messages: AutoresumeMessages;
  pollIntervalMs: number;
};

/** One pass: the due bid-resume attempts of interrupted spot pods whose owner wants them back. */
export const autoresumeOnce = (
  deps: Pick<AutoresumeJobDeps, 'services' | 'messages'>,
): Promise<AutoresumeReport> => deps.services.autoresume.runDue(deps.messages);

/**
 * Every POLL_INTERVAL, at most every minute (the shortest backoff), beside the poller that notices
 * interruptions. Attempts are kept in the store, so a restart goes on where it was.
 */
export function startAutoresume(runner: JobRunner, deps: AutoresumeJobDeps): void {
  runner.every('autoresume', Math.min(deps.pollIntervalMs, 60_000), async () => {
    await autoresumeOnce(deps);
  });
}
