/**
 * The composition root: builds the store, the RunPod gateway, the clock, the services, the Bolt
 * app and the jobs, and hands each the others it needs. Nothing else constructs adapters.
 */
import type { pino } from 'pino';
import { createLazyChartRenderer } from './chart/lazy-chart-renderer.js';
import type { Config } from './config/config.js';
import { startAlerts } from './jobs/alerts.js';
import { startAutoresume } from './jobs/autoresume.js';
import { startDigestScheduler } from './jobs/digest-scheduler.js';
import { startMemoryWarnings } from './jobs/memory-warnings.js';
import { startPoller } from './jobs/poller.js';
import { startRollup } from './jobs/rollup.js';
import { startStoppedPods } from './jobs/stopped-pods.js';
import { recordBuildInfo } from './lib/build-info.js';
import { type Clock, systemClock } from './lib/clock.js';
import { createJobRunner } from './lib/job-runner.js';
import type { Logger } from './lib/logger.js';
import { createMetrics, type Metrics } from './lib/metrics.js';
import { createPodGateway } from './runpod/create-pod-gateway.js';
import { instrumentGateway } from './runpod/instrument-gateway.js';
import type { RetryPolicy } from './runpod/retry.js';
import { createPodMetrics } from './services/pod-metrics.js';
import type { ChartRenderer, PodGateway, Store } from './services/ports.js';
import { createReadinessService, type ReadinessService } from './services/readiness-service.js';
import { createServices, type Services } from './services/services.js';
import { autoresumeMessages } from './slack/blocks/autoresume-blocks.js';
import { idleMessages } from './slack/blocks/idle-messages.js';
import { memoryMessages } from './slack/blocks/memory-warning.js';
import { stoppedMessages } from './slack/blocks/stopped-nudge.js';
import { createSlackApp, createSlackClient } from './slack/create-slack-app.js';
import { createSlackNotifier } from './slack/notifier.js';
import { openStore } from './store/open-store.js';

/** How long shutdown waits for jobs in flight; Slack's own drain has a similar budget. */
const JOBS_DRAIN_BUDGET_MS = 3_500;

export type AppOptions = {
  config: Config;
  logger: pino.Logger;
  clock?: Clock;
  /** Replaces the RunPod adapter chosen by RUNPOD_API (tests, replay). */
  gateway?: PodGateway;
  chart?: ChartRenderer;
  /** Retry policy of the RunPod adapter; tests shorten the backoff. */
  runpodRetry?: RetryPolicy;
  /** The Slack Web API client's timeout; tests of late answers shorten it. */
  slackTimeoutMs?: number;
  /** false: the poller, digest scheduler and other periodic jobs are not started (tests drive them). */
  runJobs?: boolean;
};

export type PodwardenApp = {
  services: Services;
  store: Store;
  /** The app's Prometheus registry (GET /metrics). */
  metrics: Metrics;
  /** What GET /readyz reports; tests drive polls through it when jobs are off. */
  readiness: ReadinessService;
  /** `metricsPort`: set when METRICS_PORT gives /metrics a port of its own. */
  start(): Promise<{ port: number; metricsPort?: number }>;
  stop(): Promise<void>;
};

export async function buildApp(options: AppOptions): Promise<PodwardenApp> {
  const { config } = options;
  const logger = options.logger as unknown as Logger;
  const clock = options.clock ?? systemClock;
  const store = await openStore(config.database, logger.child({ part: 'store' }));
  const metrics = createMetrics();
  recordBuildInfo(metrics);
  const podMetrics = createPodMetrics({
    metrics,
    store,
    clock,
    idleGpuUtil: config.settings.idleGpuUtil,
    maxGapMs: 3 * config.settings.pollIntervalMs,
    logger: logger.child({ part: 'metrics' }),
  });
  const gateway = instrumentGateway(
    options.gateway ?? createGateway(config, logger, clock, options.runpodRetry),
    { metrics, onPods: (pods) => podMetrics.record(pods) },
  );
  const readiness = createReadinessService({
    store,
    clock,
    pollIntervalMs: config.settings.pollIntervalMs,
  });
  const jobs = createJobRunner(logger.child({ part: 'jobs' }));

  const client = createSlackClient({
    botToken: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    logger: options.logger,
    metrics,
    ...(options.slackTimeoutMs ? { timeoutMs: options.slackTimeoutMs } : {}),
  });
  const notifier = createSlackNotifier(client, logger.child({ part: 'notifier' }), clock);
  const built = createServices({
    gateway,
    store,
    notifier,
    chart: options.chart ?? createLazyChartRenderer(undefined, logger.child({ part: 'chart' })),
    clock,
    settings: config.settings,
    logger,
  });
  const slack = createSlackApp({
    botToken: config.slack.botToken,
    client,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    apiUrl: config.slack.apiUrl,
    port: config.port,
    logger: options.logger,
    metrics,
    metricsAccess: config.metrics,
    readiness: (slackState) => readiness.check(slackState),
    deps: { services: built, settings: config.settings, clock, logger },
  });

  return {
    services: built,
    store,
    metrics,
    readiness,
    async start() {
      await settleStopsAtStart(built, logger);
      const started = await slack.start();
      readiness.started();
      if (options.runJobs !== false) {
        startPoller(jobs, {
          services: built,
          messages: idleMessages,
          metrics,
          readiness,
          pollIntervalMs: config.settings.pollIntervalMs,
          logger,
        });
        startDigestScheduler(jobs, { services: built, clock, logger });
        startRollup(jobs, { services: built });
        startAlerts(jobs, { services: built, settings: config.settings });
        startStoppedPods(jobs, {
          services: built,
          messages: stoppedMessages,
          pollIntervalMs: config.settings.pollIntervalMs,
        });
        startAutoresume(jobs, {
          services: built,
          messages: autoresumeMessages,
          pollIntervalMs: config.settings.pollIntervalMs,
        });
        startMemoryWarnings(jobs, {
          services: built,
          messages: memoryMessages,
          pollIntervalMs: config.settings.pollIntervalMs,
        });
      }
      return started;
    },
    async stop() {
      // Both drain at once, within the 5 s that SIGTERM allows: Slack work acked before the signal,
      // and a poll or digest in flight (a slow RunPod call may outlast the budget; it is then cut).
      await Promise.all([slack.stop(), jobs.stop(JOBS_DRAIN_BUDGET_MS)]);
      await store.close();
    },
  };
}

/** A stop left in flight by a crash is settled before any new work; RunPod being down only defers it. */
async function settleStopsAtStart(services: Services, logger: Logger): Promise<void> {
  try {
    const settled = await services.idle.settleStopsInFlight(idleMessages);
    if (settled > 0) logger.info({ settled }, 'settled idle stops left in flight');
  } catch (error) {
    logger.warn({ err: error }, 'could not settle idle stops at start; the sweep will');
  }
}

function createGateway(
  config: Config,
  logger: Logger,
  clock: Clock,
  retry: RetryPolicy | undefined,
): PodGateway {
  return createPodGateway(
    { ...config.runpod, clock, ...(retry ? { retry } : {}) },
    logger.child({ part: 'runpod' }),
  );
}
