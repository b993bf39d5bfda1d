import { performance } from 'node:perf_hooks';
import type { Clock } from '../lib/clock.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import { type BenchResult, benchResult, round, timings } from './bench-result.js';

const RUNPOD_LATENCY_MS = 2_500;
const WARMUP = 2;
const COMMANDS = 20;
const USER = 'U02ALICE';
const CHANNEL = 'C01GPU';

/**
 * `/pod list` through the real app in the sandbox, with every RunPod answer delayed by 2.5 s: the
 * ack must come back long before RunPod does. Each command is signed by the Slack stand-in and
 * sent over loopback HTTP; the ack time is from sending to the HTTP answer. The replies (which
 * need RunPod) are awaited at the end, so that the app is idle again before it is closed.
 */
export async function benchAckCommand(clock: Clock): Promise<BenchResult> {
  const sandbox = await startSandbox({ runJobs: false, seedDemoOwners: true });
  try {
    sandbox.sim.faults.latencyMs = RUNPOD_LATENCY_MS;
    const replies = () => sandbox.slack.ephemerals(USER).length;
    const sendOne = async () => {
      const started = performance.now();
      const delivery = await sandbox.slack.sendCommand({ user: USER, channel: CHANNEL, text: 'list' });
      return { ms: performance.now() - started, delivery };
    };
    for (let i = 0; i < WARMUP; i++) await sendOne();

    const before = replies();
    const acks: number[] = [];
    let timedOut = 0;
    let failed = 0;
    const started = performance.now();
    for (let i = 0; i < COMMANDS; i++) {
      const { ms, delivery } = await sendOne();
      acks.push(ms);
      if (delivery.timedOut) timedOut++;
      if (delivery.status !== 200) failed++;
    }
    await sandbox.slack.waitFor(() => replies() - before >= COMMANDS, { timeoutMs: 60_000 });
    const allRepliedMs = performance.now() - started;

    return benchResult(
      clock,
      {
        topic: 'ack',
        name: 'command',
        measures: `ms from a signed /pod list to the HTTP ack, through the real app, RunPod answering after ${RUNPOD_LATENCY_MS} ms`,
      },
      {
        ...timings(acks),
        runpodLatencyMs: RUNPOD_LATENCY_MS,
        timedOut,
        failed,
        allRepliesAfterMs: round(allRepliedMs, 0),
      },
    );
  } finally {
    await sandbox.close();
  }
}
