import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import { z } from 'zod';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';
import { createBoltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { createInFlight } from './in-flight.js';
import { closeServer, createOpsRoutes, type ReadinessProbe, servePlainRoutes } from './ops-routes.js';
import { raceBudget } from './race-budget.js';
import { registerRoutes } from './register-routes.js';
import { guardSlackRequests } from './request-guard.js';
import { slackRetryConfig } from './slack-outcome.js';

export type SlackAppOptions = {
  botToken: string;
  /** The Web API client of createSlackClient, shared with the Notifier. */
  client: webApi.WebClient;
  signingSecret: string | null;
  /** Set: Socket Mode. Unset: HTTP mode on `port`. */
  appToken: string | null;
  /** Base of the Slack Web API, e.g. `https://slack.com/api/` or a local stand-in. */
  apiUrl: string;
  deps: SlackDeps;
  logger: PinoLogger;
  metrics: Metrics;
  /** HTTP port: /slack/events (HTTP mode), /healthz, /readyz and /metrics (both modes); 0 takes a free one. */
  port: number;
  /** GET /readyz asks it, with the state of the Socket Mode connection. */
  readiness: ReadinessProbe;
  /** METRICS_TOKEN and METRICS_PORT: /metrics behind a bearer token, or on its own port (0: a free one). */
  metricsAccess?: { token: string | null; port: number | null };
};

export type SlackApp = {
  app: App;
  /** `metricsPort`: where /metrics listens when it has a port of its own. */
  start(): Promise<{ port: number; metricsPort?: number }>;
  stop(): Promise<void>;
};

const IDENTITY_BUDGET_MS = 3_000;
const SLACK_EVENTS_PATH = '/slack/events';
const SLACK_TIMEOUT_MS = 10_000;
const DRAIN_BUDGET_MS = 3_500;
const AuthTestSchema = z.object({ user_id: z.string().optional(), bot_id: z.string().optional() });

type Identity = { botId?: string; botUserId?: string };

function listeningPort(server: Server): number {
  const address = server.address() as AddressInfo | string | null;
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/**
 * The WebClient's retry policy and timeout, set explicitly: the SDK's default retries for 30
 * minutes, and any retry after a timeout may post a message twice (slack-outcome.ts).
 */
function slackClientOptions(
  apiUrl: string,
  logger: ReturnType<typeof createBoltLogger>,
  timeoutMs = SLACK_TIMEOUT_MS,
) {
  return { slackApiUrl: apiUrl, retryConfig: slackRetryConfig, timeout: timeoutMs, logger };
}

/** The Slack error code of a failed Web API call: Slack's `error` field, else the SDK's code. */
function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (typeof data?.error === 'string') return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}

/** The bot's Web API client, for the Notifier and auth.test; failed calls are counted when `metrics` is given. */
export function createSlackClient(options: {
  botToken: string;
  apiUrl: string;
  logger: PinoLogger;
  metrics?: Metrics;
  timeoutMs?: number;
}): webApi.WebClient {
  const clientOptions = slackClientOptions(
    options.apiUrl,
    createBoltLogger(options.logger),
    options.timeoutMs,
  );
  const { metrics } = options;
  if (!metrics) return new webApi.WebClient(options.botToken, clientOptions);
  metrics.describe(
    'podwarden_slack_api_errors_total',
    'counter',
    'failed Slack Web API calls, by method and Slack error code',
    ['method', 'error'],
  );
  // Every method of the client, files.uploadV2's inner calls included, goes through apiCall.
  class CountingWebClient extends webApi.WebClient {
    override async apiCall(method: string, callOptions?: Record<string, unknown>) {
      try {
        return await super.apiCall(method, callOptions);
      } catch (error) {
        metrics?.increment('podwarden_slack_api_errors_total', { method, error: slackErrorCode(error) });
        throw error;
      }
    }
  }
  return new CountingWebClient(options.botToken, clientOptions);
}

/**
 * The Bolt app: HTTP receiver on `port` (POST /slack/events, processBeforeResponse false) or
 * Socket Mode; /healthz, /readyz and /metrics on `port` either way (/metrics on METRICS_PORT
 * when that is set). The bot identity is looked up with
 * auth.test without ever crashing the process when Slack cannot be reached.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = options.logger.child({ component: 'slack' });
  const boltLogger = createBoltLogger(options.logger);
  const { metrics } = options;
  metrics.describe('podwarden_slack_commands_total', 'counter', '/pod commands received, by subcommand', [
    'command',
  ]);
  metrics.describe('podwarden_slack_actions_total', 'counter', 'button presses received, by action_id', [
    'action',
  ]);
  metrics.describe('podwarden_slack_views_total', 'counter', 'modal submissions received, by callback_id', [
    'view',
  ]);
  metrics.describe(
    'podwarden_slack_handler_failures_total',
    'counter',
    'Slack handlers that failed unexpectedly',
    [],
  );
  metrics.describe('podwarden_slack_ack_seconds', 'histogram', 'time from a listener starting to its ack', [
    'kind',
  ]);
  metrics.describe(
    'podwarden_slack_handler_seconds',
    'histogram',
    'time from a listener starting to its reply',
    ['kind'],
  );
  metrics.describe(
    'podwarden_slack_in_flight',
    'gauge',
    'Slack interactions still being worked on after their ack',
    [],
  );

  const clientOptions = slackClientOptions(options.apiUrl, boltLogger);
  const client = options.client;
  const inFlight = createInFlight();

  let identity: Identity = {};
  let identityLookup: Promise<void> | null = null;
  const lookUpIdentity = (): Promise<void> => {
    identityLookup ??= client.auth
      .test()
      .then((answer) => {
        const parsed = AuthTestSchema.parse(answer);
        identity = { botId: parsed.bot_id, botUserId: parsed.user_id };
        logger.info({ botUserId: parsed.user_id }, 'slack bot identity resolved');
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'auth.test failed; continuing without the bot identity');
        identityLookup = null;
      });
    return identityLookup;
  };

  const socketMode = options.appToken !== null;
  let socketConnected = false;
  const metricsPort = options.metricsAccess?.port ?? null;
  const ops = createOpsRoutes({
    metrics,
    metricsToken: options.metricsAccess?.token ?? null,
    readiness: options.readiness,
    socketConnected: () => (socketMode ? socketConnected : null),
    beforeScrape: () => metrics.set('podwarden_slack_in_flight', inFlight.count()),
  });
  const customRoutes: CustomRoute[] = metricsPort === null ? [...ops.health, ops.metrics] : ops.health;

  let receiver: Receiver;
  if (options.appToken !== null) {
    const socketReceiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger,
      installerOptions: { clientOptions },
    });
    socketReceiver.client.on('connected', () => {
      socketConnected = true;
    });
    // 'close': the socket dropped; the client waits before it reconnects, and is not connected meanwhile.
    for (const state of ['close', 'disconnected', 'reconnecting', 'disconnecting']) {
      socketReceiver.client.on(state, () => {
        socketConnected = false;
      });
    }
    receiver = socketReceiver;
  } else {
    if (!options.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode');
    const http = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      customRoutes,
      processBeforeResponse: false,
      logger: boltLogger,
    });
    http.requestListener = guardSlackRequests(http.requestListener, {
      signingSecret: options.signingSecret,
      path: SLACK_EVENTS_PATH,
      logger: logger as unknown as Logger,
    });
    receiver = http;
  }

  const app = new App({
    receiver,
    // Never calls Slack before the ack: the identity is whatever auth.test has told us so far.
    authorize: async () => {
      if (!identity.botUserId) void lookUpIdentity();
      return { botToken: options.botToken, ...identity };
    },
    logger: boltLogger,
    clientOptions,
    convoStore: false,
    ignoreSelf: true,
  });

  registerRoutes(app, { deps: options.deps, logger, metrics, inFlight });
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });

  let healthServer: Server | null = null;
  let metricsServer: Server | null = null;
  let started = false;

  const serveMetrics = async (): Promise<number | undefined> => {
    if (metricsPort === null) return undefined;
    metricsServer = await servePlainRoutes([ops.metrics], metricsPort);
    return listeningPort(metricsServer);
  };

  return {
    app,
    async start() {
      await raceBudget(lookUpIdentity(), IDENTITY_BUDGET_MS);
      if (!socketMode) {
        const server = (await app.start(options.port)) as Server;
        started = true;
        return { port: listeningPort(server), metricsPort: await serveMetrics() };
      }
      await app.start();
      started = true;
      healthServer = await servePlainRoutes(customRoutes, options.port);
      return { port: listeningPort(healthServer), metricsPort: await serveMetrics() };
    },
    async stop() {
      if (started) {
        started = false;
        await app.stop();
      }
      const drained = await inFlight.drain(DRAIN_BUDGET_MS);
      if (!drained) logger.warn({ inFlight: inFlight.count() }, 'stopped with Slack work still in flight');
      const servers = [healthServer, metricsServer];
      healthServer = null;
      metricsServer = null;
      await Promise.all(servers.map(closeServer));
      // A pending auth.test is not waited for: it cannot fail the process (it catches its own
      // errors) and against an unreachable Slack it would outlast the shutdown budget.
    },
  };
}
