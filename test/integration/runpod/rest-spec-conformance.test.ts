import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createRestGateway } from '../../../src/runpod/rest/create-rest-gateway.js';
import { createDemoWorld } from '../../../src/sandbox/runpod/demo-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../../src/sandbox/runpod/start-runpod-simulator.js';
import { responseProblems, specPath, specProblems } from '../../support/rest-v2-spec.js';
import { instantRetries, startSimulatedRunpod } from './gateway-fixture.js';

/**
 * The simulator serves, and the adapter sends, only what RunPod's published REST v2 structure
 * accepts: every answer is validated against the operation's declared response, every body the
 * adapter sends against the request schema.
 */
const KEY = 'rp_spec_key';
let sim: RunpodSimulator;

type Answer = { status: number; contentType: string; body: unknown; retryAfter: string | null };

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text === '' ? null : JSON.parse(text),
    retryAfter: response.headers.get('retry-after'),
  };
}

/** Calls the route and asserts the answer is one the published operation declares. */
async function conforming(method: string, path: string, body?: unknown): Promise<Answer> {
  const answer = await call(method, path, body);
  const template = specPath(path.split('?')[0] ?? path);
  expect(template, `${path} is a published route`).not.toBeNull();
  expect(
    responseProblems(template ?? '', method, answer.status, answer.contentType, answer.body),
    `${method} ${path} → ${answer.status}`,
  ).toEqual([]);
  return answer;
}

describe('the simulator serves the published REST v2 structure', () => {
  beforeEach(async () => {
    ({ sim } = await startSimulatedRunpod(KEY, { start: '2026-11-02T09:00:00Z', balance: 500 }));
    const { world } = sim;
    world.addNetworkVolume({ id: 'nv-data01', name: 'datasets', size: 200, dataCenterId: 'EU-RO-1' });
    world.addPod({ name: 'gpu-persistent', gpuTypeId: 'NVIDIA L40S', gpuCount: 2, volumeInGb: 100 });
    world.addPod({
      name: 'cpu-network',
      gpuTypeId: null,
      vcpuCount: 4,
      memoryInGb: 16,
      networkVolumeId: 'nv-data01',
    });
    world.addPod({ name: 'parked', desiredStatus: 'EXITED', volumeInGb: 50 });
    world.addPod({ name: 'locked', locked: true });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('pods, one pod, and a 404 for an unknown one', async () => {
    const list = await conforming('GET', '/v2/pods');
    const pods = (list.body as { pods: { id: string; name: string }[] }).pods;
    expect(pods.map((p) => p.name).sort()).toEqual(['cpu-network', 'gpu-persistent', 'locked', 'parked']);
    for (const pod of pods) await conforming('GET', `/v2/pods/${pod.id}`);
    const missing = await conforming('GET', '/v2/pods/nosuchpod0000');
    expect(missing).toMatchObject({ status: 404, contentType: 'application/problem+json' });
  });

  it('actions: 200 with the pod, 409 for one not allowed now, 422 for a body outside the structure', async () => {
    const pod = sim.world.pods().find((p) => p.name === 'gpu-persistent');
    const path = `/v2/pods/${pod?.id}/action`;
    expect((await conforming('POST', path, { action: 'stop' })).status).toBe(200);
    expect((await conforming('POST', path, { action: 'stop' })).status).toBe(409);
    expect((await conforming('POST', path, { action: 'pause' })).status).toBe(422);
    expect((await conforming('POST', path, { action: 'start', gpuCount: 1 })).status).toBe(422);
    expect((await conforming('POST', path, { action: 'start' })).status).toBe(200);
    expect((await conforming('DELETE', `/v2/pods/${pod?.id}`)).status).toBe(204);
  });

  it('create: 201 for a published body, 422 with errors[] for the old disk object', async () => {
    const created = await conforming('POST', '/v2/pods', {
      name: 'eval',
      image: 'runpod/pytorch:2.4.0',
      gpu: { id: 'NVIDIA RTX A6000', count: 1 },
      disk: 30,
      mounts: { persistent: { size: 20, path: '/workspace' } },
    });
    expect(created.status).toBe(201);
    const refused = await conforming('POST', '/v2/pods', {
      name: 'eval',
      image: 'runpod/pytorch:2.4.0',
      disk: { containerInGb: 30, volumeInGb: 20 },
    });
    expect(refused.status).toBe(422);
    expect((refused.body as { errors: string[] }).errors.join(' ')).toContain('disk');
  });

  it('429 carries Retry-After; billing answers the published record shape', async () => {
    sim.faults.failNext('rate_limit', 1, { retryAfterSeconds: 7 });
    const limited = await conforming('GET', '/v2/pods');
    expect(limited).toMatchObject({ status: 429, retryAfter: '7' });
    const billing = await conforming(
      'GET',
      '/v2/billing/pods?bucketSize=day&startTime=2026-11-01T00:00:00Z&endTime=2026-11-03T00:00:00Z',
    );
    expect(billing.status).toBe(200);
  });

  it('the GPU catalogue, network volumes and their billing answer the published shapes', async () => {
    const gpus = await conforming('GET', '/v2/catalog/gpus?include=AVAILABILITY');
    expect((gpus.body as { gpus: { availability?: string }[] }).gpus[0]?.availability).toBeDefined();
    const volumes = await conforming('GET', '/v2/network-volumes');
    expect(volumes.body).toMatchObject({ networkVolumes: [{ id: 'nv-data01', size: 200 }] });
    const billing = await conforming(
      'GET',
      '/v2/billing/network-volumes?bucketSize=day&startTime=2026-11-01T00:00:00Z&endTime=2026-11-03T00:00:00Z',
    );
    expect((billing.body as { records: unknown[] }).records.length).toBeGreaterThan(0);
  });

  it('every pod of the sandbox demo world validates as a published Pod', async () => {
    const clock = createManualClock('2026-11-02T09:00:00Z');
    const demo = await startRunpodSimulator({ apiKey: KEY, clock, world: createDemoWorld(clock) });
    try {
      const response = await fetch(`${demo.restUrl}/pods`, { headers: { authorization: `Bearer ${KEY}` } });
      const body = (await response.json()) as { pods: unknown[] };
      expect(body.pods.length).toBeGreaterThan(3);
      expect(specProblems('ListPodsResponse', body)).toEqual([]);
    } finally {
      await demo.close();
    }
  });
});

describe('the adapter sends only what the published structure accepts', () => {
  afterEach(async () => {
    await sim.close();
  });

  it('deploy, stop, start and terminate bodies validate', async () => {
    ({ sim } = await startSimulatedRunpod(KEY, { start: '2026-11-02T09:00:00Z', balance: 500 }));
    const gateway = createRestGateway({
      restUrl: sim.restUrl,
      graphqlUrl: sim.graphqlUrl,
      apiKey: KEY,
      logger: silentLogger,
      ...instantRetries(() => {}),
    });
    const base = {
      gpuTypeId: 'NVIDIA RTX A6000',
      gpuCount: 1,
      imageName: 'runpod/pytorch:2.4.0',
      containerDiskInGb: 30,
      spot: false,
      bidPerGpu: null,
    };
    const withVolume = await gateway.deployPod({
      ...base,
      name: 'with-volume',
      volumeInGb: 20,
      cloudType: 'SECURE',
    });
    await gateway.deployPod({ ...base, name: 'no-volume', volumeInGb: 0, cloudType: 'ALL' });
    await gateway.stopPod(withVolume.id);
    await gateway.resumePod(withVolume.id, 1);
    await gateway.terminatePod(withVolume.id);

    const sent = sim.requests.filter((r) => r.method !== 'GET');
    expect(sent.map((r) => [r.method, r.status])).toEqual([
      ['POST', 201],
      ['POST', 201],
      ['POST', 200],
      ['POST', 200],
      ['DELETE', 204],
    ]);
    for (const request of sent.filter((r) => r.path === '/v2/pods')) {
      expect(specProblems('CreatePodRequest', request.body)).toEqual([]);
    }
    for (const request of sent.filter((r) => r.path.endsWith('/action'))) {
      expect(specProblems('PodActionRequest', request.body)).toEqual([]);
    }
    expect(sent[0]?.body).toEqual({
      name: 'with-volume',
      image: 'runpod/pytorch:2.4.0',
      gpu: { id: 'NVIDIA RTX A6000', count: 1 },
      cloud: 'SECURE',
      disk: 30,
      mounts: { persistent: { size: 20, path: '/workspace' } },
    });
    expect(withVolume).toMatchObject({
      containerDiskInGb: 30,
      volumeInGb: 20,
      volumeMountPath: '/workspace',
    });
  });
});
