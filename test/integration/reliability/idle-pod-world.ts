/** The reliability tests' RunPod account: one idle pod `llama-ft` (2 GPUs) up for an hour, owned by Alice. */
import type { ManualClock } from '../../../src/lib/clock.js';
import { createSimWorld, type SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import { idleScript } from '../../../src/sandbox/runpod/util-scripts.js';
import type { Replicas } from '../../support/replicas.js';

export const MIN = 60_000;
export const ALICE = 'U02ALICE';
export const POD = 'idlepod0000001';

export function idleWorld(clock: ManualClock): SimWorld {
  const world = createSimWorld(clock);
  world.addPod({
    id: POD,
    name: 'llama-ft',
    gpuCount: 2,
    costPerHr: 2.49,
    startedAt: new Date(clock.now().getTime() - 60 * MIN),
    script: idleScript({ gpuCount: 2 }),
  });
  return world;
}

/** Prompts ever posted (chat.postMessage calls outside threads that carry the Stop now button). */
export const promptsPosted = (r: Replicas): number =>
  r.slack
    .callsTo('chat.postMessage')
    .filter((c) => !c.params.thread_ts && JSON.stringify(c.params).includes('idle_stop_now')).length;

/** RunPod stops that took effect. */
export const stopsOf = (r: Replicas) => r.sim.mutations().filter((m) => m.name === 'podStop' && m.ok);
