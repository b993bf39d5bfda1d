import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../src/lib/clock.js';
import { createDemoWorld } from '../../../../src/sandbox/runpod/demo-world.js';
import { createSimWorld } from '../../../../src/sandbox/runpod/sim-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../../../src/sandbox/runpod/start-runpod-simulator.js';

const KEY = 'rp_sim_volumes_key';
let sim: RunpodSimulator | null = null;

afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function ask(query: string) {
  const clock = createManualClock('2026-11-02T12:00:00Z');
  const world = createSimWorld(clock);
  world.addNetworkVolume({ id: 'nv1', name: 'shared-datasets', size: 250, dataCenterId: 'EU-RO-1' });
  sim = await startRunpodSimulator({ apiKey: KEY, clock, world });
  const response = await fetch(sim.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON body by path
  return { status: response.status, body: (await response.json()) as any };
}

describe('RunPod simulator, network volumes', () => {
  it('serves myself.networkVolumes with the fields runpod-python reads', async () => {
    const { status, body } = await ask('{ myself { networkVolumes { id name size dataCenterId } } }');
    expect(status).toBe(200);
    expect(body.data.myself.networkVolumes).toEqual([
      { id: 'nv1', name: 'shared-datasets', size: 250, dataCenterId: 'EU-RO-1' },
    ]);
  });

  it('rejects an unknown field on NetworkVolume with HTTP 400', async () => {
    const { status, body } = await ask('{ myself { networkVolumes { id sizeInGb } } }');
    expect(status).toBe(400);
    expect(body.errors[0].message).toContain('Cannot query field "sizeInGb" on type "NetworkVolume".');
  });

  it('the demo world has the 250 GB shared-datasets volume in EU-RO-1', () => {
    const world = createDemoWorld(createManualClock('2026-11-02T09:00:00Z'));
    expect(world.networkVolumes()).toEqual([
      expect.objectContaining({ name: 'shared-datasets', size: 250, dataCenterId: 'EU-RO-1' }),
    ]);
  });
});
