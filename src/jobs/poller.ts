import type { JobRunner } from '../lib/job-runner.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';
import type { IdleMessages } from '../services/idle/idle-messages.js';
import type { PollReport } from '../services/idle-service.js';
import type { ReadinessService } from '../services/readiness-service.js';
import type { Services } from '../services/services.js';

/** `messages` renders the idle flow's Slack messages; the composition root passes slack/'s builders. */
export type PollerDeps = {
  services: Pick<Services, 'idle'>;
  messages: IdleMessages;
  pollIntervalMs: number;
  logger: Logger;
  metrics?: Metrics;
  /** Told each poll's outcome, for GET /readyz. */
  readiness?: Pick<ReadinessService, 'pollFinished'>;
};

const COUNTED = ['prompts', 'reminders', 'stops', 'failedStops', 'escalations', 'unexpectedStops'] as const;

/** Names the poller's Prometheus series once. */
export function describePollMetrics(metrics: Metrics): void {
  metrics.describe('podwarden_polls_total', 'counter', 'polls of every pod, by outcome (ok or failed)', [
    'outcome',
  ]);
  metrics.describe(
    'podwarden_poll_seconds',
    'histogram',
    'time for one poll: listPods, samples, idle flow',
    [],
  );
  metrics.describe(
    'podwarden_idle_events_total',
    'counter',
    'idle flow events, by kind (prompts, stops, …)',
    ['kind'],
  );
}

function count(metrics: Metrics, report: PollReport, seconds: number): void {
  metrics.increment('podwarden_polls_total', { outcome: report.ok ? 'ok' : 'failed' });
  metrics.observe('podwarden_poll_seconds', seconds);
  if (!report.ok) return;
  for (const kind of COUNTED) {
    if (report[kind] > 0) metrics.increment('podwarden_idle_events_total', { kind }, report[kind]);
  }
}

/** One poll: samples every pod and runs the idle flow. RunPod failures are logged inside and retried next time. */
export async function pollOnce(
  deps: Pick<PollerDeps, 'services' | 'messages' | 'logger' | 'metrics' | 'readiness'>,
): Promise<PollReport> {
  const started = performance.now();
  let report: PollReport;
  try {
    report = await deps.services.idle.poll(deps.messages);
  } catch (error) {
    // Whatever failed (the store, a bug), the poll failed: counted, then the job runner logs it.
    if (deps.metrics)
      count(deps.metrics, { ok: false, reason: 'error' }, (performance.now() - started) / 1000);
    deps.readiness?.pollFinished(false);
    throw error;
  }
  deps.readiness?.pollFinished(report.ok);
  if (deps.metrics) count(deps.metrics, report, (performance.now() - started) / 1000);
  if (report.ok && (report.prompts > 0 || report.stops > 0 || report.failedStops > 0)) {
    deps.logger.info(
      { job: 'poll', prompts: report.prompts, stops: report.stops, failedStops: report.failedStops },
      'idle flow acted',
    );
  }
  return report;
}

/**
 * Polls every POLL_INTERVAL, first right away. Ticks never overlap (the runner skips a tick while
 * the previous one runs) and a failing tick is logged and retried at the next interval.
 */
export function startPoller(runner: JobRunner, deps: PollerDeps): void {
  if (deps.metrics) describePollMetrics(deps.metrics);
  runner.every(
    'poll',
    deps.pollIntervalMs,
    async () => {
      await pollOnce(deps);
    },
    { runNow: true },
  );
}
