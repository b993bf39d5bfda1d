import type { JobRunner } from '../lib/job-runner.js';
import type { Services } from '../services/services.js';
import type { StoppedCheckReport, StoppedMessages } from '../services/stopped-service.js';

export type StoppedPodsDeps = {
  services: Pick<Services, 'stopped'>;
  /** How the nudges look; the composition root passes slack/'s builders. */
  messages: StoppedMessages;
  pollIntervalMs: number;
};

/** One pass: tracks stopped stretches from the last poll's samples and sends the nudges due. */
export const checkStoppedOnce = (
  deps: Pick<StoppedPodsDeps, 'services' | 'messages'>,
): Promise<StoppedCheckReport> => deps.services.stopped.check(deps.messages);

/**
 * Every POLL_INTERVAL, beside the poller (it reads what the poll stored, no RunPod call). The first
 * pass waits one interval, so that the first poll's samples are there.
 */
export function startStoppedPods(runner: JobRunner, deps: StoppedPodsDeps): void {
  runner.every('stopped_pods', deps.pollIntervalMs, async () => {
    await checkStoppedOnce(deps);
  });
}
