import type { JobRunner } from '../lib/job-runner.js';
import type { MemoryCheckReport, MemoryMessages } from '../services/memory-service.js';
import type { Services } from '../services/services.js';

export type MemoryWarningsDeps = {
  services: Pick<Services, 'memory'>;
  /** How the warnings look; the composition root passes slack/'s builders. */
  messages: MemoryMessages;
  pollIntervalMs: number;
};

/** One pass over the last hour of samples: warns about pods whose memory stays close to full. */
export const checkMemoryOnce = (
  deps: Pick<MemoryWarningsDeps, 'services' | 'messages'>,
): Promise<MemoryCheckReport> => deps.services.memory.check(deps.messages);

/** Every POLL_INTERVAL, beside the poller (it reads what the poll stored, no RunPod call). */
export function startMemoryWarnings(runner: JobRunner, deps: MemoryWarningsDeps): void {
  runner.every('memory_warnings', deps.pollIntervalMs, async () => {
    await checkMemoryOnce(deps);
  });
}
