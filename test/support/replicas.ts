/**
 * Several podwarden replicas on one Postgres database, in front of one RunPod simulator and one
 * Slack stand-in, on a shared manual clock with the jobs stopped. Each replica reaches RunPod
 * through a fault-injecting gateway. A crash (kill -9) is simulated by abandoning a replica
 * between two steps: the test never drives it again, and it is only closed at the end to free
 * its port.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp, type PodwardenApp } from '../../src/app.js';
import { pollOnce } from '../../src/jobs/poller.js';
import { createManualClock, type ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { createPodGateway } from '../../src/runpod/create-pod-gateway.js';
import type { SimWorld } from '../../src/sandbox/runpod/sim-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../src/sandbox/runpod/start-runpod-simulator.js';
import { type SlackStandIn, startSlackStandIn } from '../../src/sandbox/slack/start-slack-stand-in.js';
import type { PollReport } from '../../src/services/idle-service.js';
import { idleMessages } from '../../src/slack/blocks/idle-messages.js';
import { createFaultGateway, type FaultGateway } from './fault-gateway.js';
import { fastRetry } from './harness.js';
import { POSTGRES_URL } from './postgres.js';
import { testSettings } from './settings.js';

const SIGNING_SECRET = 'replica-signing-secret';
const BOT_TOKEN = 'xoxb-replica-bot-token';
const RUNPOD_KEY = 'rp-replica-key';

export { POSTGRES_URL, probePostgres } from './postgres.js';

export type Replica = { app: PodwardenApp; faults: FaultGateway; url: string };

export type Replicas = {
  clock: ManualClock;
  sim: RunpodSimulator;
  slack: SlackStandIn;
  replicas: Replica[];
  /** Starts one more replica on the same database (a restart after a crash). */
  addReplica(): Promise<Replica>;
  /** Sends Slack's requests to this replica from now on. */
  route(replica: Replica): void;
  /** One tick of the real poller on this replica (the clock does not move). */
  poll(replica: Replica): Promise<PollReport>;
  close(): Promise<void>;
};

export type ReplicaOptions = {
  count: number;
  world: (clock: ManualClock) => SimWorld;
  settings?: Parameters<typeof testSettings>[0];
  /** The Web API client's timeout; short in tests of late answers. */
  slackTimeoutMs?: number;
};

export async function startReplicas(options: ReplicaOptions): Promise<Replicas> {
  const clock = createManualClock('2026-11-30T10:00:00Z');
  const world = options.world(clock);
  const sim = await startRunpodSimulator({ apiKey: RUNPOD_KEY, clock, world });
  const slack = await startSlackStandIn({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, clock });
  const schema = `r_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
  await admin.query(`create schema ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const replicas: Replica[] = [];

  const addReplica = async (): Promise<Replica> => {
    const runpod = {
      api: 'graphql' as const,
      apiKey: RUNPOD_KEY,
      graphqlUrl: sim.graphqlUrl,
      restUrl: sim.restUrl,
    };
    const faults = createFaultGateway(createPodGateway({ ...runpod, clock, retry: fastRetry }, silentLogger));
    const app = await buildApp({
      config: {
        slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, appToken: null, apiUrl: slack.apiUrl },
        runpod,
        port: 0,
        database: { kind: 'postgres', url: url.toString() },
        metrics: { token: null, port: null },
        logLevel: 'silent',
        settings: testSettings({ admins: ['U01ADA'], members: ['U02ALICE', 'U03BOB'], ...options.settings }),
      },
      logger: pino({ level: 'silent' }),
      clock,
      gateway: faults.gateway,
      runJobs: false,
      ...(options.slackTimeoutMs ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
    });
    const { port } = await app.start();
    const replica = { app, faults, url: `http://127.0.0.1:${port}/slack/events` };
    replicas.push(replica);
    return replica;
  };

  for (let i = 0; i < options.count; i++) await addReplica();
  const first = replicas[0];
  if (first) slack.setBotUrl(first.url);

  return {
    clock,
    sim,
    slack,
    replicas,
    addReplica,
    route: (replica) => slack.setBotUrl(replica.url),
    poll: (replica) =>
      pollOnce({ services: replica.app.services, messages: idleMessages, logger: silentLogger }),
    async close() {
      for (const replica of replicas) await replica.app.stop();
      await Promise.all([slack.close(), sim.close()]);
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}
