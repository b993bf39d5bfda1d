/**
 * The simulator's spot side, as autoresume meets it: an interruption on demand for spot pods only,
 * podBidResume checked like RunPod's input, "not enough free GPUs" for the first N bid resumes,
 * and GraphQL answering as a retired API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../src/lib/clock.js';
import { CAPACITY_MESSAGE } from '../../../../src/sandbox/runpod/sim-pod.js';
import { createSimWorld } from '../../../../src/sandbox/runpod/sim-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../../../src/sandbox/runpod/start-runpod-simulator.js';

const KEY = 'rp_test_key';
let sim: RunpodSimulator | null = null;

afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start() {
  const clock = createManualClock('2026-11-02T12:00:00Z');
  const world = createSimWorld(clock);
  sim = await startRunpodSimulator({ apiKey: KEY, clock, world });
  const spot = world.addPod({
    name: 'sdxl-spot',
    gpuTypeId: 'NVIDIA GeForce RTX 4090',
    gpuCount: 1,
    cloudType: 'COMMUNITY',
    podType: 'INTERRUPTABLE',
    bidPerGpu: 0.25,
  });
  const onDemand = world.addPod({ name: 'llama-ft', gpuTypeId: 'NVIDIA L40S', gpuCount: 1 });
  return { sim, world, spot, onDemand };
}

const BID_RESUME = `mutation BidResumePod($podId: String!, $bidPerGpu: Float!, $gpuCount: Int!) {
  podBidResume(input: { podId: $podId, bidPerGpu: $bidPerGpu, gpuCount: $gpuCount }) { id desiredStatus costPerHr }
}`;

async function gql(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the tests read JSON bodies by path
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('simulator: spot interruptions and bid resumes', () => {
  it('interrupts a running spot pod on demand, never an on-demand or stopped one', async () => {
    const { world, spot, onDemand } = await start();
    expect(world.interruptSpotPod(onDemand.id)).toBe(false);
    expect(world.pod(onDemand.id)?.desiredStatus).toBe('RUNNING');
    expect(world.interruptSpotPod(spot.id)).toBe(true);
    expect(world.pod(spot.id)?.desiredStatus).toBe('EXITED');
    expect(world.pod(spot.id)?.lastStatusChange).toContain('Interrupted');
    expect(world.interruptSpotPod(spot.id)).toBe(false);
    expect(world.interruptSpotPod('nope')).toBe(false);
  });

  it('answers the first N bid resumes with the capacity message, then resumes with the bid', async () => {
    const { sim, world, spot } = await start();
    world.interruptSpotPod(spot.id);
    sim.faults.failNext('capacity', 2);
    const variables = { podId: spot.id, bidPerGpu: 0.3, gpuCount: 1 };
    for (let i = 0; i < 2; i++) {
      const { status, body } = await gql(sim.graphqlUrl, BID_RESUME, variables);
      expect(status).toBe(200);
      expect(body.errors?.[0]?.message).toBe(CAPACITY_MESSAGE);
    }
    const { body } = await gql(sim.graphqlUrl, BID_RESUME, variables);
    expect(body.data.podBidResume).toEqual({ id: spot.id, desiredStatus: 'RUNNING', costPerHr: 0.3 });
    expect(sim.mutations().map((m) => [m.name, m.ok])).toEqual([
      ['podBidResume', false],
      ['podBidResume', false],
      ['podBidResume', true],
    ]);
  });

  it('rejects a podBidResume without all three inputs, as RunPod does (HTTP 400)', async () => {
    const { sim, world, spot } = await start();
    world.interruptSpotPod(spot.id);
    const partial = `mutation { podBidResume(input: { podId: "${spot.id}", bidPerGpu: 0.3 }) { id } }`;
    const { status, body } = await gql(sim.graphqlUrl, partial, {});
    expect(status).toBe(400);
    expect(JSON.stringify(body.errors)).toContain('gpuCount');
    expect(world.pod(spot.id)?.desiredStatus).toBe('EXITED');
    expect(sim.mutations()).toEqual([]);
  });

  it('answers every GraphQL request with 404 or 410 while retired; REST v2 goes on', async () => {
    const { sim, spot } = await start();
    sim.faults.graphqlGone = 410;
    const { status } = await gql(sim.graphqlUrl, BID_RESUME, { podId: spot.id, bidPerGpu: 0.3, gpuCount: 1 });
    expect(status).toBe(410);
    const rest = await fetch(`${sim.restUrl}/pods`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(rest.status).toBe(200);
    sim.faults.clear();
    expect(sim.faults.graphqlGone).toBeNull();
  });
});
