import { performance } from 'node:perf_hooks';
import { type Clock, createManualClock } from '../lib/clock.js';
import { createSimWorld, type SimWorld } from '../sandbox/runpod/sim-world.js';
import { busyScript, idleScript, trainingScript } from '../sandbox/runpod/util-scripts.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import { idleMessages } from '../slack/blocks/idle-messages.js';
import { type BenchResult, benchResult, timings } from './bench-result.js';

const MINUTE = 60_000;
/** Enough ticks for the idle window (IDLE_AFTER 30 min) to fill; the steady ones are measured. */
const TICKS = 45;
const STEADY_FROM = 33;
const GPU_TYPES = ['NVIDIA H100 80GB HBM3', 'NVIDIA A100 80GB PCIe', 'NVIDIA L40S', 'NVIDIA RTX A6000'];
const OWNERS = ['U02ALICE', 'U03BOB'];

/** An account of `count` pods: most training or serving, a quarter idle, a few stopped. */
export function benchWorld(clock: Clock, count: number): SimWorld {
  const world = createSimWorld(clock, { balance: 100_000, spendLimit: 100_000 });
  const startedAt = new Date(clock.now().getTime() - 3 * 3_600_000);
  for (let i = 0; i < count; i++) {
    const gpuCount = [1, 1, 2, 4, 8][i % 5] ?? 1;
    const kind = i % 8;
    world.addPod({
      name: `bench-${String(i).padStart(3, '0')}`,
      gpuTypeId: GPU_TYPES[i % GPU_TYPES.length] ?? null,
      gpuCount,
      startedAt,
      ...(kind === 7 ? { desiredStatus: 'EXITED' as const, stoppedAt: startedAt } : {}),
      script:
        kind < 2
          ? idleScript({ gpuCount, gpuMem: 30 })
          : kind < 4
            ? trainingScript({ gpuCount, checkpointEveryMs: 40 * MINUTE, checkpointMs: 4 * MINUTE })
            : busyScript({ gpuCount, level: 40 + (i % 50) }),
    });
  }
  return world;
}

/**
 * One poll tick through the real app: ONE listPods over loopback GraphQL to the RunPod simulator,
 * every pod's sample stored in SQLite, and the idle flow evaluated (prompts included when pods
 * turn idle). The clock is virtual and moves a minute per tick; the measured time is real.
 */
export async function benchPoll(clock: Clock, podCount: number): Promise<BenchResult> {
  const virtual = createManualClock(clock.now());
  const world = benchWorld(virtual, podCount);
  const sandbox = await startSandbox({ clock: virtual, world, runJobs: false });
  try {
    const pods = world.pods();
    for (const [index, pod] of pods.entries()) {
      const owner = OWNERS[index % 3];
      if (owner) await sandbox.app.store.setOwner(pod.id, owner, 'bench', virtual.now());
    }
    const all: number[] = [];
    let prompts = 0;
    let failed = 0;
    for (let tick = 0; tick < TICKS; tick++) {
      virtual.advance(MINUTE);
      const started = performance.now();
      const report = await sandbox.app.services.idle.poll(idleMessages);
      all.push(performance.now() - started);
      if (report.ok) prompts += report.prompts;
      else failed++;
    }
    return benchResult(
      clock,
      {
        topic: 'poll',
        name: `${podCount}pods`,
        measures: `ms per poll tick for ${podCount} pods: one listPods over loopback GraphQL, samples stored in SQLite, idle flow evaluated`,
      },
      {
        pods: podCount,
        ...timings(all.slice(STEADY_FROM)),
        firstTicks: timings(all.slice(0, STEADY_FROM)),
        ticks: TICKS,
        prompts,
        failedTicks: failed,
      },
    );
  } finally {
    await sandbox.close();
  }
}
