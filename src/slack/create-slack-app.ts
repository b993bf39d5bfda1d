import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import { z } from 'zod';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';
import { createBoltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { createInFlight } from './in-flight.js';
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
  /** HTTP port: /slack/events (HTTP mode), /healthz and /metrics (both modes); 0 takes a free one. */
  port: number;
};

export type SlackApp = {
  app: App;
  start(): Promise<{ port: number }>;
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

/** The bot's Web API client, for Bolt's listeners and for the Notifier. */
export function createSlackClient(options: {
  botToken: string;
  apiUrl: string;
  logger: PinoLogger;
  timeoutMs?: number;
}): webApi.WebClient {
  return new webApi.WebClient(
    options.botToken,
    slackClientOptions(options.apiUrl, createBoltLogger(options.logger), options.timeoutMs),
  );
}

/**
 * The Bolt app: HTTP receiver on `port` (POST /slack/events, processBeforeResponse false) or
 * Socket Mode; /healthz and /metrics on `port` either way. The bot identity is looked up with
 * auth.test without ever crashing the process when Slack cannot be reached.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = options.logger.child({ component: 'slack' });
  const boltLogger = createBoltLogger(options.logger);
  const { metrics } = options;
  metrics.describe('podwarden_slack_commands_total', 'counter', '/pod commands received, by subcommand');
  metrics.describe('podwarden_slack_actions_total', 'counter', 'button presses received, by action_id');
  metrics.describe('podwarden_slack_views_total', 'counter', 'modal submissions received, by callback_id');
  metrics.describe(
    'podwarden_slack_handler_failures_total',
    'counter',
    'Slack handlers that failed unexpectedly',
  );
  metrics.describe('podwarden_slack_ack_seconds', 'histogram', 'time from a listener starting to its ack');
  metrics.describe(
    'podwarden_slack_handler_seconds',
    'histogram',
    'time from a listener starting to its reply',
  );
  metrics.describe(
    'podwarden_slack_in_flight',
    'gauge',
    'Slack interactions still being worked on after their ack',
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

  const health = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok' }));
  };
  const metricsRoute = (_req: IncomingMessage, res: ServerResponse) => {
    metrics.set('podwarden_slack_in_flight', inFlight.count());
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(metrics.render());
  };
  const customRoutes: CustomRoute[] = [
    { path: '/healthz', method: ['GET'], handler: health },
    { path: '/metrics', method: ['GET'], handler: metricsRoute },
  ];

  const socketMode = options.appToken !== null;
  let receiver: Receiver;
  if (options.appToken !== null) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger,
      installerOptions: { clientOptions },
    });
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
  let started = false;

  return {
    app,
    async start() {
      await raceBudget(lookUpIdentity(), IDENTITY_BUDGET_MS);
      if (!socketMode) {
        const server = (await app.start(options.port)) as Server;
        started = true;
        return { port: listeningPort(server) };
      }
      await app.start();
      started = true;
      const server = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        const route = req.method === 'GET' ? customRoutes.find((r) => r.path === path) : undefined;
        if (route) {
          route.handler(Object.assign(req, { params: {} }), res);
          return;
        }
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      });
      healthServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return { port: listeningPort(server) };
    },
    async stop() {
      if (started) {
        started = false;
        await app.stop();
      }
      const drained = await inFlight.drain(DRAIN_BUDGET_MS);
      if (!drained) logger.warn({ inFlight: inFlight.count() }, 'stopped with Slack work still in flight');
      const server = healthServer;
      healthServer = null;
      if (server) {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      // A pending auth.test is not waited for: it cannot fail the process (it catches its own
      // errors) and against an unreachable Slack it would outlast the shutdown budget.
    },
  };
}
