/**
 * The real podwarden (buildApp: Bolt HTTP receiver, services, SQLite store, GraphQL gateway)
 * between the RunPod simulator and the Slack stand-in, each on a free loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { buildApp, type PodwardenApp } from '../../../src/app.js';
import type { Config } from '../../../src/config/config.js';
import type { Settings } from '../../../src/domain/settings.js';
import type { AddPodInput } from '../../../src/sandbox/runpod/sim-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../../src/sandbox/runpod/start-runpod-simulator.js';
import { type SlackStandIn, startSlackStandIn } from '../../../src/sandbox/slack/start-slack-stand-in.js';
import { testSettings } from '../../support/settings.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-token';
export const RUNPOD_KEY = 'rp-test-key';

export const ADA = 'U01ADA'; // admin
export const ALICE = 'U02ALICE'; // member
export const BOB = 'U03BOB'; // member
export const RITA = 'U04RITA'; // read only
export const CHANNEL = 'C01GPU';

export type PodControlFixture = {
  runpod: RunpodSimulator;
  slack: SlackStandIn;
  app: PodwardenApp;
  port: number;
  close(): Promise<void>;
};

export async function startPodControl(
  options: {
    pods?: AddPodInput[];
    runpodKey?: string;
    settings?: Partial<Settings>;
    /** GraphQL by default; `rest` for REST v2 (at `restUrl` when given, else the simulator's). */
    api?: 'graphql' | 'rest';
    restUrl?: string;
    /** The simulator's GraphQL endpoint unless given (e.g. a retired one). */
    graphqlUrl?: string;
  } = {},
): Promise<PodControlFixture> {
  const runpod = await startRunpodSimulator({ apiKey: RUNPOD_KEY, host: '127.0.0.1', port: 0 });
  for (const pod of options.pods ?? []) runpod.world.addPod(pod);
  const slack = await startSlackStandIn({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  const dir = mkdtempSync(path.join(tmpdir(), 'podwarden-slack-'));
  const config: Config = {
    slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, appToken: null, apiUrl: slack.apiUrl },
    runpod: {
      apiKey: options.runpodKey ?? RUNPOD_KEY,
      api: options.api ?? 'graphql',
      graphqlUrl: options.graphqlUrl ?? runpod.graphqlUrl,
      restUrl: options.restUrl ?? runpod.restUrl,
    },
    port: 0,
    metrics: { token: null, port: null },
    database: { kind: 'sqlite', path: path.join(dir, 'podwarden.db') },
    logLevel: 'silent',
    settings: testSettings({ admins: [ADA], members: [ALICE, BOB], ...options.settings }),
  };
  const app = await buildApp({
    config,
    logger: pino({ level: 'silent' }),
    runJobs: false,
    runpodRetry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 50, maxRetryAfterMs: 2_000 },
  });
  const { port } = await app.start();
  slack.setBotUrl(`http://127.0.0.1:${port}/slack/events`);
  return {
    runpod,
    slack,
    app,
    port,
    async close() {
      await app.stop();
      await slack.close();
      await runpod.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The pod's id in the simulator, by name. */
export function podId(fixture: PodControlFixture, name: string): string {
  const pod = fixture.runpod.world.pods().find((p) => p.name === name);
  if (!pod) throw new Error(`no pod named ${name}`);
  return pod.id;
}
