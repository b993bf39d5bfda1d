import { describe, expect, it } from 'vitest';
import { pollOnce } from '../../../src/jobs/poller.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createMetrics } from '../../../src/lib/metrics.js';
import type { IdleMessages } from '../../../src/services/idle/idle-messages.js';
import type { PollReport } from '../../../src/services/idle-service.js';
import type { Services } from '../../../src/services/services.js';

const messages = {} as IdleMessages;

function servicesAnswering(...reports: PollReport[]): Pick<Services, 'idle'> {
  const queue = [...reports];
  return {
    idle: {
      poll: async () => queue.shift() ?? { ok: false, reason: 'no more reports' },
    } as unknown as Services['idle'],
  };
}

describe('the poller', () => {
  it('counts polls and idle events for /metrics, and tells readiness each outcome', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const outcomes: boolean[] = [];
    const readiness = { pollFinished: (ok: boolean) => outcomes.push(ok) };
    const services = servicesAnswering(
      {
        ok: true,
        pods: 8,
        samples: 8,
        unexpectedStops: 1,
        prompts: 2,
        reminders: 0,
        stops: 1,
        failedStops: 0,
        ended: 0,
        escalations: 0,
        dryRuns: 0,
      },
      { ok: false, reason: 'RunPod is unavailable' },
    );

    await pollOnce({ services, messages, logger: silentLogger, metrics, readiness });
    await pollOnce({ services, messages, logger: silentLogger, metrics, readiness });

    expect(outcomes).toEqual([true, false]);
    const text = await metrics.render();
    expect(text).toContain('podwarden_polls_total{outcome="ok"} 1');
    expect(text).toContain('podwarden_polls_total{outcome="failed"} 1');
    expect(text).toContain('podwarden_idle_events_total{kind="prompts"} 2');
    expect(text).toContain('podwarden_idle_events_total{kind="unexpectedStops"} 1');
  });

  it('counts a poll that threw (the store failed, a bug) as failed, and still throws for the job runner', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const services = {
      idle: {
        poll: async () => {
          throw new Error('the store could not insertSamples');
        },
      } as unknown as Services['idle'],
    };
    await expect(pollOnce({ services, messages, logger: silentLogger, metrics })).rejects.toThrow(
      'insertSamples',
    );
    expect(await metrics.render()).toContain('podwarden_polls_total{outcome="failed"} 1');
  });
});
