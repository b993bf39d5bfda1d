import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../lib/clock.js';
import { SANDBOX_SECRETS, type Sandbox, startSandbox } from '../sandbox/start-sandbox.js';
import { type BenchResult, benchResult, round, timings } from './bench-result.js';
import { type ChildApp, startChildApp } from './child-app.js';

const CONCURRENCY = 50;
const REQUESTS = 600;
const WARMUP = 100;
const ROUNDS = 3;
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

/** The app's answers the stand-in has shown the user: proof that each measured command was answered. */
const listReplies = (sandbox: Sandbox): number =>
  sandbox.slack.ephemerals(USER).filter((m) => m.author === 'bot' && m.channel === CHANNEL).length;

type Rounds = Load & { p99MsByRound: (number | null)[] };

/**
 * ROUNDS loads of REQUESTS commands, each after the previous one's replies have settled; the round
 * with the median p99 stands for them (a 2-core machine's p99 moves from one load to the next).
 */
async function rounds(sandbox: Sandbox, text: string): Promise<Rounds> {
  const runs: Load[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    runs.push(await load(sandbox, text, REQUESTS));
    await settled(() => sandbox.sim.requests.length + listReplies(sandbox));
  }
  const byP99 = [...runs].sort((a, b) => (a.p99Ms ?? 0) - (b.p99Ms ?? 0));
  const median = byP99[Math.floor(byP99.length / 2)] as Load;
  return { ...median, p99MsByRound: runs.map((run) => run.p99Ms) };
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

const script = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

/** podwarden as `npm start` runs it, on the sandbox's simulator, stand-in and seeded database. */
function startPodwarden(sandbox: Sandbox): Promise<ChildApp> {
  return startChildApp(script('../main.js'), {
    SLACK_BOT_TOKEN: SANDBOX_SECRETS.botToken,
    SLACK_SIGNING_SECRET: SANDBOX_SECRETS.signingSecret,
    SLACK_API_URL: sandbox.slack.apiUrl,
    RUNPOD_API_KEY: SANDBOX_SECRETS.runpodApiKey,
    RUNPOD_GRAPHQL_URL: sandbox.sim.graphqlUrl,
    RUNPOD_REST_URL: sandbox.sim.restUrl,
    DATABASE_URL: `file:${sandbox.databasePath}`,
    POD_ADMINS: 'U01ADA',
    POD_MEMBERS: 'U02ALICE,U03BOB',
    LOG_LEVEL: 'silent',
  });
}

/**
 * `/pod list` at 50 concurrent commands through the real app in the sandbox (the RunPod simulator
 * answering at once), against the same load of `/pod help` (no RunPod call) and against a bare
 * Bolt app that only acks: the floor, measured in the same run with the same signed requests.
 */
export async function benchAckListLoad(clock: Clock): Promise<BenchResult> {
  // The sandbox's own app only seeds the database; the measured apps each run in a process of
  // their own, as in production, so that the stand-in's and the simulator's work is not theirs.
  const sandbox = await startSandbox({ runJobs: false, seedDemoOwners: true });
  const bare = await startChildApp(script('./bare-bolt-main.js'), {
    SLACK_SIGNING_SECRET: SANDBOX_SECRETS.signingSecret,
    SLACK_BOT_TOKEN: SANDBOX_SECRETS.botToken,
  });
  const podwarden = await startPodwarden(sandbox);
  try {
    sandbox.slack.setBotUrl(bare.url);
    await load(sandbox, 'list', WARMUP);
    const floor = await rounds(sandbox, 'list');
    sandbox.slack.setBotUrl(podwarden.url);
    await load(sandbox, 'help', WARMUP);
    const help = await rounds(sandbox, 'help');
    await load(sandbox, 'list', WARMUP);
    await settled(() => sandbox.sim.requests.length + listReplies(sandbox));
    const before = sandbox.sim.requests.length;
    const repliesBefore = listReplies(sandbox);
    const list = await rounds(sandbox, 'list');
    const runpodRequests = sandbox.sim.requests.length - before;
    const replies = listReplies(sandbox) - repliesBefore;
    return benchResult(
      clock,
      {
        topic: 'ack',
        name: 'list-c50',
        measures: `ms to the HTTP ack of signed /pod list commands, ${CONCURRENCY} at a time (${ROUNDS} rounds of ${REQUESTS}, the round with the median p99 reported), through the real app (npm start, a process of its own) with the RunPod simulator and Slack stand-in in the benchmark's process; baseline: a bare Bolt app acking the same commands, also a process of its own; /pod help under the same load`,
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
        listRepliesDelivered: replies,
      },
    );
  } finally {
    await Promise.all([bare.stop(), podwarden.stop()]);
    await sandbox.close();
  }
}
