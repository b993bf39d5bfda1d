/**
 * The integration harness: the RunPod simulator, the Slack stand-in and the real podwarden app on
 * free loopback ports (src/sandbox/start-sandbox.ts), on a manual clock, with jobs stopped so that
 * tests drive polls and digests themselves.
 */
import { createManualClock, type ManualClock } from '../../src/lib/clock.js';
import type { RetryPolicy } from '../../src/runpod/retry.js';
import { createDemoWorld } from '../../src/sandbox/runpod/demo-world.js';
import type { SimWorld } from '../../src/sandbox/runpod/sim-world.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';

/** Fast retries: three attempts a few milliseconds apart. */
export const fastRetry: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

export type Harness = Sandbox & { clock: ManualClock };

export type HarnessOptions = {
  clock?: ManualClock;
  /** Builds the RunPod account; the demo world by default. */
  world?: (clock: ManualClock) => SimWorld;
  env?: Record<string, string>;
  databasePath?: string;
  seedDemoOwners?: boolean;
};

const PLAIN_IDLE_RULE = {
  IDLE_CPU_BUSY: 'off',
  IDLE_WORK_HOURS: 'off',
  IDLE_STEADY_BUSY: 'off',
  IDLE_SPORADIC_BUSY: 'off',
};

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? createManualClock('2026-11-30T10:00:00Z');
  const world = options.world ? options.world(clock) : createDemoWorld(clock);
  const sandbox = await startSandbox({
    clock,
    world,
    // These tests name GraphQL mutations (the e2e suites run both API modes), and they assert the
    // plain IDLE_AFTER / IDLE_GRACE rule: the replay-tuned idle signals are off, as in testSettings().
    env: { RUNPOD_API: 'graphql', ...PLAIN_IDLE_RULE, ...options.env },
    runJobs: false,
    runpodRetry: fastRetry,
    seedDemoOwners: options.seedDemoOwners ?? true,
    ...(options.databasePath ? { databasePath: options.databasePath } : {}),
  });
  return { ...sandbox, clock };
}
