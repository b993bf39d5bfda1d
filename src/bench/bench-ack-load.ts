import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Clock } from '../lib/clock.js';
import { SANDBOX_SECRETS, type Sandbox, startSandbox } from '../sandbox/start-sandbox.js';
import { type BenchResult, benchResult, round, timings } from './bench-result.js';

const CONCURRENCY = 50;
const REQUESTS = 600;
const WARMUP = 100;
const USER = 'U02ALICE';
const CHANNEL = 'C01GPU';

type Load = ReturnType<typeof timings> & { requestsPerSecond: number; p99Ms: number | null; failed: number };

/** `requests` signed commands, `concurrency` at a time, through the Slack stand-in; ms to each ack. */
async function load(sandbox: Sandbox, text: string, requests: number): Promise<Load> {
  const acks: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      next++;
      const sent = performance.now();
      const delivery = await sandbox.slack.sendCommand({ user: USER, channel: CHANNEL, text });
      acks.push(performance.now() - sent);
      if (delivery.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...acks].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? null;
  return {
    ...timings(acks),
    p99Ms: p99 === null ? null : round(p99, 2),
    requestsPerSecond: round(acks.length / seconds, 0),
    failed,
  };
}

/** Waits until `count` has not changed for half a second (at most 30 s). */
async function settled(count: () => number): Promise<void> {
  const deadline = performance.now() + 30_000;
  let last = -1;
  while (performance.now() < deadline && count() !== last) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A Bolt app that only acks /pod: the floor any Bolt app has on this machine. */
async function startBareBolt(): Promise<{ url: string; stop(): Promise<void> }> {
  const receiver = new HTTPReceiver({
    signingSecret: SANDBOX_SECRETS.signingSecret,
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: SANDBOX_SECRETS.botToken, botUserId: 'UPODWARDEN' }),
    logLevel: LogLevel.ERROR,
  });
  app.command('/pod', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop().then(() => undefined) };
}

/**
 * `/pod list` at 50 concurrent commands through the real app in the sandbox (the RunPod simulator
 * answering at once), against the same load of `/pod help` (no RunPod call) and against a bare
 * Bolt app that only acks: the floor, measured in the same run with the same signed requests.
 */
export async function benchAckListLoad(clock: Clock): Promise<BenchResult> {
  const sandbox = await startSandbox({ runJobs: false, seedDemoOwners: true });
  const bare = await startBareBolt();
  try {
    const appUrl = sandbox.botUrl;
    sandbox.slack.setBotUrl(bare.url);
    await load(sandbox, 'list', WARMUP);
    const floor = await load(sandbox, 'list', REQUESTS);
    sandbox.slack.setBotUrl(appUrl);
    await load(sandbox, 'help', WARMUP);
    const help = await load(sandbox, 'help', REQUESTS);
    await load(sandbox, 'list', WARMUP);
    const before = sandbox.sim.requests.length;
    const list = await load(sandbox, 'list', REQUESTS);
    // Replies go on after their acks: RunPod requests are counted once they stop coming.
    await settled(() => sandbox.sim.requests.length);
    const runpodRequests = sandbox.sim.requests.length - before;
    return benchResult(
      clock,
      {
        topic: 'ack',
        name: 'list-c50',
        measures: `ms to the HTTP ack of signed /pod list commands, ${CONCURRENCY} at a time (${REQUESTS} measured), through the real app with the RunPod simulator; baseline: a bare Bolt app acking the same commands; /pod help under the same load`,
      },
      {
        concurrency: CONCURRENCY,
        requests: REQUESTS,
        list,
        help,
        baseline: { measures: 'bare Bolt app that only acks /pod', ...floor },
        ratio: round((list.p99Ms ?? 0) / Math.max(0.001, floor.p99Ms ?? 0), 2),
        throughputOverHelp: round(list.requestsPerSecond / Math.max(1, help.requestsPerSecond), 2),
        runpodRequestsForList: runpodRequests,
      },
    );
  } finally {
    await bare.stop();
    await sandbox.close();
  }
}
