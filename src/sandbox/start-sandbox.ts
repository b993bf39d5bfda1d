/**
 * Assembles the sandbox in one process: the RunPod simulator, the Slack stand-in and the real
 * podwarden app, wired over real HTTP on free loopback ports. `npm run sandbox`, the end-to-end
 * tests and the integration harness all start it through here.
 */

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { buildApp, type PodwardenApp } from '../app.js';
import type { Config } from '../config/config.js';
import { formatConfigProblems, loadConfig } from '../config/load-config.js';
import { type Clock, systemClock } from '../lib/clock.js';
import type { RetryPolicy } from '../runpod/retry.js';
import { createDemoWorld, demoAutoresume, demoOwners } from './runpod/demo-world.js';
import type { SimWorld } from './runpod/sim-world.js';
import { type RunpodSimulator, startRunpodSimulator } from './runpod/start-runpod-simulator.js';
import { seedDemoHistory } from './seed-history.js';
import { type SlackStandIn, startSlackStandIn } from './slack/start-slack-stand-in.js';

export const SANDBOX_SECRETS = {
  runpodApiKey: 'rp_sandbox_key',
  botToken: 'xoxb-sandbox-bot-token',
  signingSecret: 'sandbox-signing-secret',
} as const;

export type SandboxOptions = {
  clock?: Clock;
  /** The RunPod account; the demo world by default. */
  world?: SimWorld;
  /** Seeds podwarden's owners from the demo world (by pod name). */
  seedDemoOwners?: boolean;
  /** Seeds two weeks of demo spend, so cost and digest have history from the first minute. */
  seedDemoHistory?: boolean;
  /** SQLite file; a fresh temporary one by default. */
  databasePath?: string;
  /** Extra environment, as an operator would set it (IDLE_AFTER=2m …). */
  env?: Record<string, string>;
  runJobs?: boolean;
  runpodRetry?: RetryPolicy;
  /** The Slack Web API client's timeout; tests of late answers shorten it. */
  slackTimeoutMs?: number;
  logger?: pino.Logger;
};

export type Sandbox = {
  sim: RunpodSimulator;
  slack: SlackStandIn;
  app: PodwardenApp;
  config: Config;
  /** http://127.0.0.1:PORT/slack/events */
  botUrl: string;
  databasePath: string;
  close(): Promise<void>;
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: 'silent' });
  const world = options.world ?? createDemoWorld(clock);
  const sim = await startRunpodSimulator({ apiKey: SANDBOX_SECRETS.runpodApiKey, clock, world });
  const slack = await startSlackStandIn({
    signingSecret: SANDBOX_SECRETS.signingSecret,
    botToken: SANDBOX_SECRETS.botToken,
    clock,
  });
  const databasePath =
    options.databasePath ??
    path.join(mkdtempSync(path.join(os.tmpdir(), 'podwarden-sandbox-')), 'podwarden.db');

  const loaded = loadConfig({
    SLACK_BOT_TOKEN: SANDBOX_SECRETS.botToken,
    SLACK_SIGNING_SECRET: SANDBOX_SECRETS.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    RUNPOD_API_KEY: SANDBOX_SECRETS.runpodApiKey,
    RUNPOD_GRAPHQL_URL: sim.graphqlUrl,
    RUNPOD_REST_URL: sim.restUrl,
    DATABASE_URL: `file:${databasePath}`,
    PORT: '0',
    POD_ADMINS: 'U01ADA',
    POD_MEMBERS: 'U02ALICE,U03BOB',
    IDLE_CHANNEL: 'C02ALERTS',
    DIGEST_TZ: 'Europe/Berlin',
    ...options.env,
  });
  if (!loaded.ok) {
    await Promise.all([sim.close(), slack.close()]);
    throw new Error(formatConfigProblems(loaded.problems));
  }
  const { config } = loaded;

  const app = await buildApp({
    config,
    logger,
    clock,
    ...(options.runpodRetry ? { runpodRetry: options.runpodRetry } : {}),
    ...(options.slackTimeoutMs ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
    runJobs: options.runJobs ?? true,
  });
  if (options.seedDemoOwners) await seedOwners(app, world, clock);
  if (options.seedDemoHistory) await seedDemoHistory(app.store, world.pods(), demoOwners, clock.now());
  const { port } = await app.start();
  const botUrl = `http://127.0.0.1:${port}/slack/events`;
  slack.setBotUrl(botUrl);

  return {
    sim,
    slack,
    app,
    config,
    botUrl,
    databasePath,
    async close() {
      await app.stop();
      await Promise.all([slack.close(), sim.close()]);
    },
  };
}

async function seedOwners(app: PodwardenApp, world: SimWorld, clock: Clock): Promise<void> {
  for (const pod of world.pods()) {
    const owner = demoOwners[pod.name];
    if (owner) await app.store.setOwner(pod.id, owner, 'sandbox', clock.now());
    if (owner && (demoAutoresume as readonly string[]).includes(pod.name))
      await app.store.setAutoresume(pod.id, true, owner, clock.now());
  }
}
