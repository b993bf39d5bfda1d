import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeployRequest } from '../../../src/domain/pod.js';
import type { Logger } from '../../../src/lib/logger.js';
import { createGraphqlGateway } from '../../../src/runpod/graphql/create-graphql-gateway.js';
import type { SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../../src/sandbox/runpod/start-runpod-simulator.js';
import type { PodGateway } from '../../../src/services/ports.js';
import { failure, instantRetries, startSimulatedRunpod } from './gateway-fixture.js';

const KEY = 'rp_graphql_test_key';

/** A deploy whose details do not matter to the test. */
const anyDeploy: DeployRequest = {
  name: 'x',
  gpuTypeId: 'NVIDIA L40S',
  gpuCount: 1,
  imageName: 'img',
  containerDiskInGb: 20,
  volumeInGb: 0,
  cloudType: 'ALL',
  spot: false,
  bidPerGpu: null,
};

type LogLine = { level: string; fields: object; message: string };

function recordingLogger(lines: LogLine[]): Logger {
  const at =
    (level: string) =>
    (fields: object, message: string): void => {
      lines.push({ level, fields, message });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

let sim: RunpodSimulator;
let world: SimWorld;
let sleeps: number[];
let logs: LogLine[];
let beforeSleep: () => void;

function gateway(options: { apiKey?: string; timeoutMs?: number } = {}): PodGateway {
  return createGraphqlGateway({
    url: sim.graphqlUrl,
    apiKey: options.apiKey ?? KEY,
    logger: recordingLogger(logs),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...instantRetries((ms) => {
      sleeps.push(ms);
      beforeSleep();
    }),
  });
}

beforeEach(async () => {
  ({ world, sim } = await startSimulatedRunpod(KEY, { start: '2026-11-02T12:00:00Z', balance: 500 }));
  sleeps = [];
  logs = [];
  beforeSleep = () => {};
});

afterEach(async () => {
  await sim.close();
});

describe('GraphQL gateway against the simulator', () => {
  it('lists every pod with runtime in one request and maps them to domain pods', async () => {
    const busy = world.addPod({
      name: 'llama-ft',
      gpuTypeId: 'NVIDIA H100 80GB HBM3',
      gpuCount: 2,
      volumeInGb: 100,
    });
    world.setUtil(busy.id, {
      gpus: [
        { util: 97, mem: 81 },
        { util: 88, mem: 80 },
      ],
      cpu: 40,
      mem: 55,
    });
    const stopped = world.addPod({ name: 'old', desiredStatus: 'EXITED', gpuTypeId: 'NVIDIA L40S' });
    const spot = world.addPod({
      name: 'sweep',
      podType: 'INTERRUPTABLE',
      gpuTypeId: 'NVIDIA GeForce RTX 4090',
      bidPerGpu: 0.3,
    });

    const pods = await gateway().listPods();

    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({
      operationType: 'query',
      operationName: 'Pods',
      fields: ['myself'],
      status: 200,
    });
    expect(sim.requests[0]?.fieldNames).toEqual(
      expect.arrayContaining([
        'pods',
        'runtime',
        'gpuUtilPercent',
        'memoryUtilPercent',
        'cpuPercent',
        'uptimeInSeconds',
      ]),
    );
    const byName = new Map(pods.map((p) => [p.name, p]));
    expect(byName.get('llama-ft')).toMatchObject({
      id: busy.id,
      status: 'RUNNING',
      gpuTypeId: 'NVIDIA H100 80GB HBM3',
      gpuDisplayName: 'H100 SXM',
      gpuCount: 2,
      costPerHr: 5.98,
      volumeInGb: 100,
      isSpot: false,
      runtime: {
        uptimeSeconds: 0,
        gpus: [
          { utilPercent: 97, memoryPercent: 81 },
          { utilPercent: 88, memoryPercent: 80 },
        ],
        cpuPercent: 40,
        memoryPercent: 55,
      },
    });
    expect(byName.get('old')).toMatchObject({ id: stopped.id, status: 'EXITED', runtime: null });
    expect(byName.get('sweep')).toMatchObject({ id: spot.id, isSpot: true, costPerHr: 0.3 });
  });

  it('reads one pod, and null for a pod RunPod does not know', async () => {
    const pod = world.addPod({ name: 'nb' });
    const gw = gateway();
    expect((await gw.getPod(pod.id))?.name).toBe('nb');
    expect(await gw.getPod('doesnotexist00')).toBeNull();
    expect(sim.requests.map((r) => r.variables)).toEqual([
      { input: { podId: pod.id } },
      { input: { podId: 'doesnotexist00' } },
    ]);
  });

  it('stops, resumes and bid-resumes with the input types RunPod declares', async () => {
    const pod = world.addPod({ name: 'nb', gpuTypeId: 'NVIDIA L40S', gpuCount: 1 });
    const spot = world.addPod({
      name: 'sp',
      podType: 'INTERRUPTABLE',
      desiredStatus: 'EXITED',
      gpuTypeId: 'NVIDIA L40S',
    });
    const gw = gateway();

    await gw.stopPod(pod.id);
    expect(world.pod(pod.id)?.desiredStatus).toBe('EXITED');
    await gw.resumePod(pod.id, 1);
    expect(world.pod(pod.id)?.desiredStatus).toBe('RUNNING');
    await gw.bidResumePod(spot.id, 1, 0.45);
    expect(world.pod(spot.id)?.desiredStatus).toBe('RUNNING');

    expect(sim.requests.map((r) => [r.operationName, r.fields, r.variables])).toEqual([
      ['StopPod', ['podStop'], { input: { podId: pod.id } }],
      ['ResumePod', ['podResume'], { input: { podId: pod.id, gpuCount: 1 } }],
      ['BidResumePod', ['podBidResume'], { input: { podId: spot.id, bidPerGpu: 0.45, gpuCount: 1 } }],
    ]);
  });

  it('terminates with no selection set', async () => {
    const pod = world.addPod({ name: 'bye' });
    await gateway().terminatePod(pod.id);
    expect(sim.requests[0]).toMatchObject({
      fields: ['podTerminate'],
      withoutSelectionSet: ['podTerminate'],
    });
    expect(sim.requests[0]?.query).not.toMatch(/podTerminate\(input: \$input\)\s*\{/);
    expect(world.pod(pod.id)).toBeNull();
  });

  it('deploys on demand and as spot, and returns the new pod', async () => {
    const gw = gateway();
    const request = {
      name: 'alice-sft',
      gpuTypeId: 'NVIDIA A100 80GB PCIe',
      gpuCount: 2,
      imageName: 'runpod/pytorch:2.4.0',
      containerDiskInGb: 40,
      volumeInGb: 100,
      cloudType: 'SECURE' as const,
      spot: false,
      bidPerGpu: null,
    };
    const onDemand = await gw.deployPod(request);
    expect(onDemand).toMatchObject({
      name: 'alice-sft',
      status: 'RUNNING',
      gpuCount: 2,
      costPerHr: 3.28,
      isSpot: false,
    });
    const spot = await gw.deployPod({
      ...request,
      name: 'spot-sft',
      spot: true,
      bidPerGpu: 0.9,
      cloudType: 'COMMUNITY',
    });
    expect(spot).toMatchObject({ name: 'spot-sft', isSpot: true, costPerHr: 1.8 });

    expect(sim.requests.map((r) => r.fields[0])).toEqual([
      'podFindAndDeployOnDemand',
      'podRentInterruptable',
    ]);
    expect(sim.requests[0]?.variables).toEqual({
      input: {
        name: 'alice-sft',
        imageName: 'runpod/pytorch:2.4.0',
        gpuTypeId: 'NVIDIA A100 80GB PCIe',
        gpuCount: 2,
        cloudType: 'SECURE',
        containerDiskInGb: 40,
        volumeInGb: 100,
        volumeMountPath: '/workspace',
      },
    });
    expect(sim.requests[1]?.variables).toMatchObject({ input: { bidPerGpu: 0.9, cloudType: 'COMMUNITY' } });
    expect(
      world
        .pods()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['alice-sft', 'spot-sft']);
  });

  it('reads the GPU catalogue without the unknown placeholder, and the account', async () => {
    world.setCapacity('NVIDIA GeForce RTX 4090', 0);
    world.addPod({ name: 'a', gpuTypeId: 'NVIDIA L40S', gpuCount: 1, costPerHr: 0.86 });
    const gw = gateway();

    const types = await gw.listGpuTypes();
    expect(types.map((t) => t.id)).not.toContain('unknown');
    expect(types.find((t) => t.id === 'NVIDIA GeForce RTX 4090')).toMatchObject({
      displayName: 'RTX 4090',
      memoryInGb: 24,
      securePrice: 0.69,
      stockStatus: 'None',
    });
    expect(types.find((t) => t.id === 'NVIDIA H100 80GB HBM3')?.stockStatus).toBe('High');
    expect(await gw.getAccount()).toEqual({ clientBalance: 500, currentSpendPerHr: 0.86 });
    expect(await gw.getBilling(new Date('2026-11-01'), new Date('2026-11-02'))).toBeNull();
    expect(sim.requests.map((r) => r.operationName)).toEqual(['GpuTypes', 'Account']);
  });
});

describe('GraphQL gateway error mapping', () => {
  it('HTTP 401 for a wrong key is runpod_auth, not retried', async () => {
    const error = await failure(gateway({ apiKey: 'wrong' }).listPods());
    expect(error).toMatchObject({ kind: 'runpod_auth', status: 401 });
    expect(sim.requests).toHaveLength(1);
  });

  it('GraphQL "Unauthorized" (a read-only key) is runpod_forbidden', async () => {
    const pod = world.addPod({ name: 'nb' });
    sim.faults.failNext('unauthorized_mutation');
    const error = await failure(gateway().stopPod(pod.id));
    expect(error).toMatchObject({ kind: 'runpod_forbidden', detail: 'Unauthorized' });
    expect(world.pod(pod.id)?.desiredStatus).toBe('RUNNING');
  });

  it("HTTP 400 is runpod_bad_request, with RunPod's message logged at error level", async () => {
    const pod = world.addPod({ name: 'nb', desiredStatus: 'EXITED' });
    const error = await failure(gateway().resumePod(pod.id, 1.5));
    expect(error.kind).toBe('runpod_bad_request');
    expect(error.detail).toContain('Int cannot represent non-integer value: 1.5');
    expect(sim.requests).toHaveLength(1);
    expect(logs.find((l) => l.level === 'error')).toMatchObject({
      message: 'runpod rejected the request as invalid',
      fields: { runpodMessage: expect.stringContaining('non-integer value') },
    });
  });

  it('429 then 200: waits as long as Retry-After says, then succeeds', async () => {
    world.addPod({ name: 'nb' });
    sim.faults.failNext('rate_limit', 1, { retryAfterSeconds: 2 });
    const pods = await gateway().listPods();
    expect(pods.map((p) => p.name)).toEqual(['nb']);
    expect(sleeps).toEqual([2_000]);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('500 three times is runpod_unavailable after three attempts with backoff', async () => {
    sim.faults.failNext('server_error', 3);
    const error = await failure(gateway().listPods());
    expect(error).toMatchObject({ kind: 'runpod_unavailable', status: 500 });
    expect(sim.requests).toHaveLength(3);
    // full jitter with random() = 0.5: half of 100 ms, then half of 200 ms
    expect(sleeps).toEqual([50, 100]);
  });

  it('an HTML error page is retried like a 5xx', async () => {
    sim.faults.failNext('html');
    const account = await gateway().getAccount();
    expect(account.clientBalance).toBe(500);
    expect(sim.requests.map((r) => r.status)).toEqual([502, 200]);
    expect(logs.find((l) => l.level === 'warn')?.fields).toMatchObject({
      reason: 'RunPod answered HTTP 502 with an HTML error page',
    });
  });

  it('a 2.5 s answer still succeeds with the default timeout', { timeout: 30_000 }, async () => {
    world.addPod({ name: 'slow' });
    sim.faults.latencyMs = 2_500;
    const pods = await gateway().listPods();
    expect(pods.map((p) => p.name)).toEqual(['slow']);
    expect(sim.requests).toHaveLength(1);
  });

  it('capacity errors are no_capacity; a spot pod resumed on demand is spot_resume', async () => {
    const pod = world.addPod({
      name: 'nb',
      desiredStatus: 'EXITED',
      gpuTypeId: 'NVIDIA RTX A6000',
      gpuCount: 2,
    });
    world.setCapacity('NVIDIA RTX A6000', 1);
    const gw = gateway();
    expect(await failure(gw.resumePod(pod.id, 2))).toMatchObject({
      kind: 'no_capacity',
      detail: 'There are not enough free GPUs on the host machine to start this pod.',
    });
    sim.faults.failNext('capacity');
    expect((await failure(gw.deployPod(anyDeploy))).kind).toBe('no_capacity');
    const spot = world.addPod({ name: 'sp', podType: 'INTERRUPTABLE', desiredStatus: 'EXITED' });
    expect((await failure(gw.resumePod(spot.id, 1))).kind).toBe('spot_resume');
    expect((await failure(gw.stopPod('nosuchpod00000'))).kind).toBe('runpod_not_found');
  });

  it('never repeats a deploy or a resume that RunPod may have received', async () => {
    const gw = gateway();
    const pod = world.addPod({ name: 'nb', desiredStatus: 'EXITED' });
    sim.faults.failNext('server_error', 2);
    expect((await failure(gw.resumePod(pod.id, 1))).kind).toBe('runpod_unavailable');
    expect((await failure(gw.deployPod(anyDeploy))).kind).toBe('runpod_unavailable');
    expect(sim.requests.map((r) => [r.fields[0], r.status])).toEqual([
      ['podResume', 500],
      ['podFindAndDeployOnDemand', 500],
    ]);
    expect(sleeps).toEqual([]);

    // …but a 429 means RunPod did not act, so a deploy may try again.
    sim.faults.failNext('rate_limit', 1, { retryAfterSeconds: 1 });
    await gw.resumePod(pod.id, 1);
    expect(world.pod(pod.id)?.desiredStatus).toBe('RUNNING');
  });

  it('a stop is repeated after a 500, and a terminate whose first answer was lost counts as done', async () => {
    const gw = gateway({ timeoutMs: 1_000 });
    const pod = world.addPod({ name: 'nb' });
    sim.faults.failNext('server_error');
    await gw.stopPod(pod.id);
    expect(world.pod(pod.id)?.desiredStatus).toBe('EXITED');

    sim.reset();
    sim.faults.latencyMs = 4_000; // the terminate goes through, its answer arrives too late
    beforeSleep = () => {
      sim.faults.latencyMs = 0;
    };
    await gw.terminatePod(pod.id);
    expect(world.pod(pod.id)).toBeNull();
    expect(sim.mutations().map((m) => [m.name, m.ok])).toEqual([
      ['podTerminate', true],
      ['podTerminate', false],
    ]);
  });

  it('a refused connection is retried (nothing reached RunPod), then runpod_unavailable', async () => {
    const closedUrl = sim.graphqlUrl;
    await sim.close();
    const gw = createGraphqlGateway({
      url: closedUrl,
      apiKey: KEY,
      logger: recordingLogger(logs),
      ...instantRetries((ms) => {
        sleeps.push(ms);
      }),
    });
    const error = await failure(gw.deployPod(anyDeploy));
    expect(error.kind).toBe('runpod_unavailable');
    expect(error.detail).toBe('could not reach RunPod (ECONNREFUSED) (after 3 attempts)');
    expect(sleeps).toHaveLength(2);
    sim = await startRunpodSimulator({ apiKey: KEY, world });
  });
});
