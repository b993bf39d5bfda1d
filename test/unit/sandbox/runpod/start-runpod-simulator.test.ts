import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../../../src/lib/clock.js';
import { createDemoWorld, demoPodIds } from '../../../../src/sandbox/runpod/demo-world.js';
import { createSimWorld } from '../../../../src/sandbox/runpod/sim-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../../../src/sandbox/runpod/start-runpod-simulator.js';

const KEY = 'rp_test_key';
// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON bodies by path
type Json = Record<string, any>;
let sim: RunpodSimulator | null = null;

afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(clock: ManualClock = createManualClock('2026-11-02T12:00:00Z')) {
  const world = createSimWorld(clock);
  sim = await startRunpodSimulator({ apiKey: KEY, clock, world });
  return { sim, world, clock };
}

async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = { authorization: `Bearer ${KEY}` },
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('RunPod simulator, GraphQL', () => {
  it('lists pods with runtime for the right key and records what was asked', async () => {
    const { sim, world } = await start();
    const pod = world.addPod({ name: 'llama-ft', gpuTypeId: 'NVIDIA H100 80GB HBM3', gpuCount: 2 });
    world.setUtil(pod.id, {
      gpus: [
        { util: 97, mem: 80 },
        { util: 91, mem: 79 },
      ],
      cpu: 30,
      mem: 50,
    });

    const { status, body } = await gql(
      sim.graphqlUrl,
      'query Pods { myself { pods { id name desiredStatus costPerHr runtime { gpus { gpuUtilPercent } } } } }',
    );

    expect(status).toBe(200);
    expect(body.data.myself.pods).toEqual([
      {
        id: pod.id,
        name: 'llama-ft',
        desiredStatus: 'RUNNING',
        costPerHr: 5.98,
        runtime: { gpus: [{ gpuUtilPercent: 97 }, { gpuUtilPercent: 91 }] },
      },
    ]);
    expect(sim.requests[0]).toMatchObject({
      api: 'graphql',
      status: 200,
      auth: 'bearer',
      operationType: 'query',
      operationName: 'Pods',
      fields: ['myself'],
    });
    expect(sim.requests[0]?.fieldNames).toContain('gpuUtilPercent');
  });

  it('accepts the key as ?api_key= too', async () => {
    const { sim } = await start();
    const { status, body } = await gql(`${sim.graphqlUrl}?api_key=${KEY}`, '{ myself { id } }', {}, {});
    expect(status).toBe(200);
    expect(body.data.myself.id).toBeTruthy();
    expect(sim.requests[0]?.auth).toBe('query');
  });

  it('rejects an unknown field with HTTP 400 and graphql-js wording', async () => {
    const { sim } = await start();
    const { status, body } = await gql(sim.graphqlUrl, '{ myself { pods { id gpuUtilPercent } } }');
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe('Cannot query field "gpuUtilPercent" on type "Pod".');
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].locations[0]).toEqual({ line: 1, column: 22 });
  });

  it('rejects an unknown input field in variables with HTTP 400', async () => {
    const { sim } = await start();
    const { status, body } = await gql(
      sim.graphqlUrl,
      'mutation R($input: PodResumeInput!) { podResume(input: $input) { id } }',
      { input: { podId: 'x', allowedCudaVersions: ['12.4'] } },
    );
    expect(status).toBe(400);
    expect(body.errors[0].message).toContain(
      'Field "allowedCudaVersions" is not defined by type "PodResumeInput".',
    );
    expect(sim.mutations()).toEqual([]);
  });

  it('answers a wrong key with HTTP 401 and no key with myself: null', async () => {
    const { sim } = await start();
    const wrong = await gql(sim.graphqlUrl, '{ myself { id } }', {}, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const none = await gql(sim.graphqlUrl, '{ myself { id } }', {}, {});
    expect(none).toEqual({ status: 200, body: { data: { myself: null } } });
    const mutation = await gql(sim.graphqlUrl, 'mutation { podStop(input: {podId: "x"}) { id } }', {}, {});
    expect(mutation.status).toBe(200);
    expect(mutation.body.errors[0]).toMatchObject({
      message: 'Unauthorized',
      path: ['podStop'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('stops, resumes and terminates a pod; runtime is null when EXITED; terminate returns null', async () => {
    const { sim, world } = await start();
    const pod = world.addPod({ name: 'nb', gpuTypeId: 'NVIDIA L40S', gpuCount: 1 });

    const stopped = await gql(
      sim.graphqlUrl,
      'mutation S($input: PodStopInput!) { podStop(input: $input) { id desiredStatus runtime { uptimeInSeconds } } }',
      { input: { podId: pod.id } },
    );
    expect(stopped.body.data.podStop).toEqual({ id: pod.id, desiredStatus: 'EXITED', runtime: null });

    const resumed = await gql(
      sim.graphqlUrl,
      'mutation R($input: PodResumeInput!) { podResume(input: $input) { id desiredStatus } }',
      { input: { podId: pod.id, gpuCount: 1 } },
    );
    expect(resumed.body.data.podResume.desiredStatus).toBe('RUNNING');

    const terminated = await gql(
      sim.graphqlUrl,
      'mutation T($input: PodTerminateInput!) { podTerminate(input: $input) }',
      { input: { podId: pod.id } },
    );
    expect(terminated.body).toEqual({ data: { podTerminate: null } });
    expect(sim.requests.at(-1)?.withoutSelectionSet).toEqual(['podTerminate']);

    const gone = await gql(sim.graphqlUrl, 'query P($input: PodFilter) { pod(input: $input) { id } }', {
      input: { podId: pod.id },
    });
    expect(gone.body.data.pod).toBeNull();
    expect(sim.mutations().map((m) => [m.name, m.podId, m.ok])).toEqual([
      ['podStop', pod.id, true],
      ['podResume', pod.id, true],
      ['podTerminate', pod.id, true],
    ]);
  });

  it("sends RunPod's business errors: capacity, spot resume, deploy without capacity", async () => {
    const { sim, world } = await start();
    const pod = world.addPod({
      name: 'a',
      gpuTypeId: 'NVIDIA RTX A6000',
      gpuCount: 2,
      desiredStatus: 'EXITED',
    });
    world.setCapacity('NVIDIA RTX A6000', 1);
    const resume = await gql(
      sim.graphqlUrl,
      'mutation R($input: PodResumeInput!) { podResume(input: $input) { id } }',
      { input: { podId: pod.id, gpuCount: 2 } },
    );
    expect(resume.body.errors[0].message).toBe(
      'There are not enough free GPUs on the host machine to start this pod.',
    );

    const spot = world.addPod({
      name: 's',
      podType: 'INTERRUPTABLE',
      desiredStatus: 'EXITED',
      gpuTypeId: null,
    });
    const spotResume = await gql(
      sim.graphqlUrl,
      'mutation R($input: PodResumeInput!) { podResume(input: $input) { id } }',
      { input: { podId: spot.id, gpuCount: 1 } },
    );
    expect(spotResume.body.errors[0].message).toBe('Cannot resume a spot pod as an on demand pod.');

    world.setCapacity('NVIDIA H100 80GB HBM3', 0);
    const deploy = await gql(
      sim.graphqlUrl,
      'mutation D($input: PodFindAndDeployOnDemandInput) { podFindAndDeployOnDemand(input: $input) { id } }',
      { input: { name: 'x', imageName: 'img', gpuTypeId: 'NVIDIA H100 80GB HBM3', gpuCount: 1 } },
    );
    expect(deploy.body.errors[0].message).toBe(
      'There are no longer any instances available with the requested specifications. Please refresh and try again.',
    );
  });

  it('injects 429 with Retry-After, 500 and an HTML page, in order', async () => {
    const { sim } = await start();
    sim.faults.failNext('rate_limit', 1, { retryAfterSeconds: 7 });
    sim.faults.failNext('server_error');
    sim.faults.failNext('html');
    const first = await fetch(sim.graphqlUrl, { method: 'POST', body: '{"query":"{ myself { id } }"}' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    const second = await fetch(sim.graphqlUrl, { method: 'POST', body: '{"query":"{ myself { id } }"}' });
    expect(second.status).toBe(500);
    const third = await fetch(sim.graphqlUrl, { method: 'POST', body: '{"query":"{ myself { id } }"}' });
    expect(third.status).toBe(502);
    expect(await third.text()).toContain('<!DOCTYPE html>');
    const fourth = await fetch(sim.graphqlUrl, { method: 'POST', body: '{"query":"{ myself { id } }"}' });
    expect(fourth.status).toBe(200);
  });
});

describe('RunPod simulator, REST v2', () => {
  const rest = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: text ? (JSON.parse(text) as Json) : null,
    };
  };

  it('lists and reads pods, runs actions, answers 409 for an illegal transition and 404 for unknown', async () => {
    const { sim, world } = await start();
    const pod = world.addPod({ name: 'nb', gpuTypeId: 'NVIDIA L40S', gpuCount: 1 });

    const list = await rest(`${sim.restUrl}/pods`);
    expect(list.body?.pods[0]).toMatchObject({
      id: pod.id,
      status: 'RUNNING',
      gpu: { id: 'NVIDIA L40S', count: 1 },
    });
    expect(list.body?.pods[0].actions).toEqual(['stop', 'restart', 'terminate']);

    const stop = await rest(`${sim.restUrl}/pods/${pod.id}/action`, {
      method: 'POST',
      body: JSON.stringify({ action: 'stop' }),
    });
    expect(stop.status).toBe(200);
    expect(stop.body).toMatchObject({ status: 'EXITED', cost: 0, runtime: null });

    const again = await rest(`${sim.restUrl}/pods/${pod.id}/action`, {
      method: 'POST',
      body: JSON.stringify({ action: 'stop' }),
    });
    expect(again.status).toBe(409);
    expect(again.type).toBe('application/problem+json');
    expect(again.body).toMatchObject({ status: 409, title: 'Conflict' });

    const unknown = await rest(`${sim.restUrl}/pods/nope`);
    expect(unknown.status).toBe(404);

    const removed = await rest(`${sim.restUrl}/pods/${pod.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(world.pods()).toEqual([]);
    expect(sim.mutations().map((m) => m.name)).toEqual(['rest:stop', 'rest:terminate']);
  });

  it('answers 401 without the right key and 429 with Retry-After', async () => {
    const { sim } = await start();
    const anonymous = await fetch(`${sim.restUrl}/pods`);
    expect(anonymous.status).toBe(401);
    sim.faults.failNext('rate_limit', 1, { retryAfterSeconds: 3 });
    const limited = await fetch(`${sim.restUrl}/pods`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
  });

  it('reports daily billing derived from runtime and storage', async () => {
    const clock = createManualClock('2026-11-02T00:00:00Z');
    const { sim, world } = await start(clock);
    world.addPod({
      name: 'a',
      gpuTypeId: 'NVIDIA L40S',
      gpuCount: 1,
      costPerHr: 1,
      volumeInGb: 0,
      containerDiskInGb: 0,
    });
    clock.advance(26 * 3_600_000);
    const billing = await rest(
      `${sim.restUrl}/billing/pods?bucketSize=day&startTime=2026-11-02T00:00:00Z&endTime=2026-11-04T00:00:00Z`,
    );
    expect(billing.status).toBe(200);
    expect(billing.body?.records.map((r: { totalAmount: number }) => r.totalAmount)).toEqual([24, 2]);
    expect(billing.body?.metadata).toMatchObject({
      recordCount: 2,
      uniquePodCount: 1,
      totals: { totalAmount: 26 },
    });
  });
});

describe('demo world', () => {
  it('has nine pods whose scripts move with the clock, and interrupts the spot pod', async () => {
    const clock = createManualClock('2026-11-02T09:00:00Z');
    const world = createDemoWorld(clock, { timeScale: 0.1 });
    expect(world.pods()).toHaveLength(9);
    expect(world.runtime(demoPodIds['old-eval-box'])?.gpus.map((g) => g.gpuUtilPercent)).toEqual([0, 0]);
    expect(world.runtime(demoPodIds['bob-rl-busy'])?.gpus[0]?.gpuUtilPercent).toBeGreaterThan(50);
    expect(world.runtime(demoPodIds['dataset-prep'])).toBeNull();
    expect(world.runtime(demoPodIds['cpu-etl-worker'])?.gpus).toEqual([]);

    const trainingUtil = new Set<number>();
    for (let minute = 0; minute < 10; minute++) {
      clock.advance(6_000);
      trainingUtil.add(world.runtime(demoPodIds['llama3-70b-ft'])?.gpus[0]?.gpuUtilPercent ?? -1);
    }
    expect(trainingUtil.has(0)).toBe(true);
    expect([...trainingUtil].some((u) => u > 80)).toBe(true);

    clock.advance(4 * 60_000);
    expect(world.pod(demoPodIds['sdxl-spot-sweep'])?.desiredStatus).toBe('EXITED');
    expect(world.pod(demoPodIds['flux-spot-batch'])?.desiredStatus).toBe('EXITED');
    expect(world.account().clientBalance).toBeLessThan(1_250);
  });
});
