import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createRestGateway } from '../../../src/runpod/rest/create-rest-gateway.js';
import type { SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import type { RunpodSimulator } from '../../../src/sandbox/runpod/start-runpod-simulator.js';
import type { PodGateway } from '../../../src/services/ports.js';
import { failure, instantRetries, startSimulatedRunpod } from './gateway-fixture.js';

const KEY = 'rp_rest_test_key';

let sim: RunpodSimulator;
let world: SimWorld;
let clock: ManualClock;
let sleeps: number[];
let beforeSleep: () => void;

function gateway(apiKey = KEY, timeoutMs = 10_000): PodGateway {
  return createRestGateway({
    restUrl: sim.restUrl,
    graphqlUrl: sim.graphqlUrl,
    apiKey,
    logger: silentLogger,
    timeoutMs,
    ...instantRetries((ms) => {
      sleeps.push(ms);
      beforeSleep();
    }),
  });
}

beforeEach(async () => {
  ({ clock, world, sim } = await startSimulatedRunpod(KEY, { start: '2026-11-02T00:00:00Z', balance: 800 }));
  sleeps = [];
  beforeSleep = () => {};
});

afterEach(async () => {
  await sim.close();
});

describe('REST v2 gateway against the simulator', () => {
  it('lists pods from GET /pods and maps status, cost and runtime', async () => {
    const running = world.addPod({ name: 'train', gpuTypeId: 'NVIDIA L40S', gpuCount: 2, volumeInGb: 50 });
    world.setUtil(running.id, { gpus: [{ util: 64, mem: 70 }], cpu: 20, mem: 30 });
    world.addPod({ name: 'parked', desiredStatus: 'EXITED', gpuTypeId: 'NVIDIA L40S' });

    const pods = await gateway().listPods();

    // A stopped pod: its spot facts come from GraphQL, where only they exist.
    expect(sim.requests.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/v2/pods'],
      ['POST', '/graphql'],
    ]);
    const byName = new Map(pods.map((p) => [p.name, p]));
    expect(byName.get('train')).toMatchObject({
      id: running.id,
      status: 'RUNNING',
      gpuTypeId: 'NVIDIA L40S',
      gpuCount: 2,
      costPerHr: 1.72,
      volumeInGb: 50,
      isSpot: false,
      ports: '8888/http,22/tcp',
      runtime: {
        gpus: [
          { utilPercent: 64, memoryPercent: 70 },
          { utilPercent: 64, memoryPercent: 70 },
        ],
        cpuPercent: 20,
        memoryPercent: 30,
      },
    });
    expect(byName.get('parked')).toMatchObject({ status: 'EXITED', costPerHr: 0, runtime: null });
  });

  it('reads one pod, null on 404', async () => {
    const pod = world.addPod({ name: 'nb' });
    const gw = gateway();
    expect((await gw.getPod(pod.id))?.name).toBe('nb');
    expect(await gw.getPod('nosuchpod00000')).toBeNull();
  });

  it('stops, starts and terminates through the action and DELETE routes', async () => {
    const pod = world.addPod({ name: 'nb', gpuTypeId: 'NVIDIA L40S' });
    const other = world.addPod({ name: 'other' });
    const gw = gateway();

    await gw.stopPod(pod.id);
    expect(world.pod(pod.id)?.desiredStatus).toBe('EXITED');
    await gw.resumePod(pod.id, 1);
    expect(world.pod(pod.id)?.desiredStatus).toBe('RUNNING');
    await gw.terminatePod(other.id);
    expect(world.pod(other.id)).toBeNull();

    expect(sim.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', `/v2/pods/${pod.id}/action`, { action: 'stop' }],
      ['POST', `/v2/pods/${pod.id}/action`, { action: 'start' }],
      ['DELETE', `/v2/pods/${other.id}`, null],
    ]);
    expect(sim.requests.every((r) => r.auth === 'bearer')).toBe(true);
  });

  it('an illegal transition is runpod_conflict (409) with the problem detail', async () => {
    const pod = world.addPod({ name: 'nb', desiredStatus: 'EXITED' });
    const error = await failure(gateway().stopPod(pod.id));
    expect(error).toMatchObject({ kind: 'runpod_conflict', status: 409 });
    expect(error.detail).toContain('Cannot stop a pod in status EXITED');
    expect(sim.requests).toHaveLength(1);
  });

  it('deploys with POST /pods; no capacity is no_capacity; spot goes to GraphQL, where only it exists', async () => {
    const gw = gateway();
    const request = {
      name: 'bob-eval',
      gpuTypeId: 'NVIDIA RTX A6000',
      gpuCount: 1,
      imageName: 'runpod/pytorch:2.4.0',
      containerDiskInGb: 30,
      volumeInGb: 20,
      cloudType: 'SECURE' as const,
      spot: false,
      bidPerGpu: null,
    };
    const pod = await gw.deployPod(request);
    expect(pod).toMatchObject({ name: 'bob-eval', status: 'RUNNING', gpuCount: 1, costPerHr: 0.49 });
    expect(sim.requests[0]?.body).toEqual({
      name: 'bob-eval',
      image: 'runpod/pytorch:2.4.0',
      gpu: { id: 'NVIDIA RTX A6000', count: 1 },
      cloud: 'SECURE',
      disk: 30,
      mounts: { persistent: { size: 20, path: '/workspace' } },
    });

    world.setCapacity('NVIDIA RTX A6000', 0);
    expect((await failure(gw.deployPod(request))).kind).toBe('no_capacity');

    sim.reset();
    world.setCapacity('NVIDIA RTX A6000', 3);
    const spot = await gw.deployPod({ ...request, name: 'bob-spot', spot: true, bidPerGpu: 0.3 });
    expect(spot.name).toBe('bob-spot');
    expect(sim.requests.map((r) => [r.api, r.fields])).toEqual([['graphql', ['podRentInterruptable']]]);
  });

  it('reads billing history from /billing/pods by day', async () => {
    world.addPod({ name: 'a', gpuTypeId: 'NVIDIA L40S', costPerHr: 2, containerDiskInGb: 0, volumeInGb: 0 });
    clock.advance(30 * 3_600_000);
    const records = await gateway().getBilling(
      new Date('2026-11-02T00:00:00Z'),
      new Date('2026-11-04T00:00:00Z'),
    );
    expect(records?.map((r) => [r.start.toISOString(), r.end.toISOString(), r.totalAmount])).toEqual([
      ['2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z', 48],
      ['2026-11-03T00:00:00.000Z', '2026-11-04T00:00:00.000Z', 12],
    ]);
    expect(sim.requests.find((r) => r.path === '/v2/billing/pods')).toMatchObject({
      searchParams: {
        bucketSize: 'day',
        startTime: '2026-11-02T00:00:00.000Z',
        endTime: '2026-11-04T00:00:00.000Z',
      },
    });
  });

  it('reads balance and spend rate from GraphQL, where only they exist', async () => {
    world.addPod({ name: 'a', costPerHr: 1.5 });
    expect(await gateway().getAccount()).toEqual({ clientBalance: 800, currentSpendPerHr: 1.5 });
    expect(sim.requests.map((r) => [r.api, r.operationName])).toEqual([['graphql', 'Account']]);
  });
});

describe('REST v2 gateway error mapping', () => {
  it('401 is runpod_auth', async () => {
    expect(await failure(gateway('wrong').listPods())).toMatchObject({ kind: 'runpod_auth', status: 401 });
    expect(sim.requests).toHaveLength(1);
  });

  it('429 honours Retry-After; 500 three times is runpod_unavailable', async () => {
    world.addPod({ name: 'nb' });
    sim.faults.failNext('rate_limit', 1, { retryAfterSeconds: 4 });
    expect((await gateway().listPods()).map((p) => p.name)).toEqual(['nb']);
    expect(sleeps).toEqual([4_000]);

    sim.faults.failNext('server_error', 3);
    expect(await failure(gateway().listPods())).toMatchObject({ kind: 'runpod_unavailable', status: 500 });
  });

  it('a stop repeated after a lost answer (409 on the repeat) counts as done; a start is not repeated', async () => {
    const pod = world.addPod({ name: 'nb' });
    sim.faults.failNext('html');
    await gateway().stopPod(pod.id);
    expect(sim.requests.map((r) => r.status)).toEqual([502, 200]);

    sim.reset();
    sim.faults.failNext('server_error');
    expect((await failure(gateway().resumePod(pod.id, 1))).kind).toBe('runpod_unavailable');
    expect(sim.requests).toHaveLength(1);
    expect(world.pod(pod.id)?.desiredStatus).toBe('EXITED');

    await gateway().resumePod(pod.id, 1);
    sim.reset();
    sim.faults.latencyMs = 4_000; // the stop goes through, its answer arrives too late
    beforeSleep = () => {
      sim.faults.latencyMs = 0;
    };
    await gateway(KEY, 1_000).stopPod(pod.id);
    expect(world.pod(pod.id)?.desiredStatus).toBe('EXITED');
    expect(sim.requests.map((r) => r.status)).toEqual([200, 409]);
  });

  it('a read-only key gets runpod_forbidden', async () => {
    const pod = world.addPod({ name: 'nb' });
    sim.faults.failNext('unauthorized_mutation');
    expect((await failure(gateway().stopPod(pod.id))).kind).toBe('runpod_forbidden');
    expect(world.pod(pod.id)?.desiredStatus).toBe('RUNNING');
  });
});

describe('REST mode when RunPod has retired its GraphQL API', () => {
  const retired = () =>
    createRestGateway({
      restUrl: sim.restUrl,
      graphqlUrl: `${sim.url}/graphql-retired`,
      apiKey: KEY,
      logger: silentLogger,
      ...instantRetries(() => {}),
    });

  it('the balance is reported unavailable, spot is unavailable, and pods, catalogue and volumes still work', async () => {
    const pod = world.addPod({ name: 'nb', gpuTypeId: 'NVIDIA L40S' });
    const gw = retired();
    expect(await gw.getAccount()).toEqual({
      clientBalance: null,
      currentSpendPerHr: null,
      balanceUnavailable: true,
    });
    expect(await failure(gw.bidResumePod(pod.id, 1, 0.3))).toMatchObject({ kind: 'spot_unavailable' });
    const request = {
      name: 'spot',
      gpuTypeId: 'NVIDIA L40S',
      gpuCount: 1,
      imageName: 'runpod/pytorch:2.4.0',
      containerDiskInGb: 20,
      volumeInGb: 0,
      cloudType: 'SECURE' as const,
      spot: true,
      bidPerGpu: 0.4,
    };
    expect(await failure(gw.deployPod(request))).toMatchObject({ kind: 'spot_unavailable' });
    expect((await gw.listPods()).map((p) => p.name)).toEqual(['nb']);
    const l40s = (await gw.listGpuTypes()).find((g) => g.id === 'NVIDIA L40S');
    expect(l40s).toMatchObject({ securePrice: 0.86, stockStatus: 'High', secureSpotPrice: null });
    expect(await gw.listNetworkVolumes?.()).toEqual([]);
  });

  it('with GraphQL alive, the catalogue comes from REST and the spot prices from GraphQL', async () => {
    const l40s = (await gateway().listGpuTypes()).find((g) => g.id === 'NVIDIA L40S');
    expect(l40s).toMatchObject({
      displayName: 'L40S',
      memoryInGb: 48,
      securePrice: 0.86,
      communityPrice: 0.79,
      secureSpotPrice: 0.43,
      communitySpotPrice: 0.4,
      maxGpuCount: 8,
      stockStatus: 'High',
    });
    expect(sim.requests.map((r) => r.path).sort()).toEqual(['/graphql', '/v2/catalog/gpus']);
  });
});
