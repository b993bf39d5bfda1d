/** What the GraphQL and REST gateway tests share: the simulator they talk to and fast retries. */
import { expect } from 'vitest';
import { RunpodError } from '../../../src/domain/errors.js';
import { createManualClock, type ManualClock } from '../../../src/lib/clock.js';
import type { RetryPolicy } from '../../../src/runpod/retry.js';
import { createSimWorld, type SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../../src/sandbox/runpod/start-runpod-simulator.js';

export type SimulatedRunpod = { clock: ManualClock; world: SimWorld; sim: RunpodSimulator };

/** The RunPod simulator on a free loopback port, its world on a manual clock. */
export async function startSimulatedRunpod(
  apiKey: string,
  options: { start: string; balance: number },
): Promise<SimulatedRunpod> {
  const clock = createManualClock(options.start);
  const world = createSimWorld(clock, { balance: options.balance });
  const sim = await startRunpodSimulator({ apiKey, clock, world });
  return { clock, world, sim };
}

/**
 * Gateway retry options for tests: three attempts with real backoff arithmetic (jitter fixed at
 * half), but every wait is handed to `onWait` instead of being slept.
 */
export function instantRetries(onWait: (ms: number) => void): {
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
} {
  return {
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
    sleep: async (ms) => {
      onWait(ms);
    },
    random: () => 0.5,
  };
}

/** The RunpodError a gateway call fails with (and a failed expectation when it does not). */
export async function failure(promise: Promise<unknown>): Promise<RunpodError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunpodError);
  return error as RunpodError;
}
