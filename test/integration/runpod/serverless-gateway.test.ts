/**
 * Serverless and pod environments through the real adapters against the simulator: the simulator
 * serves the published REST v2 shapes (validated with Ajv), the gateway reads endpoints, their
 * billing and the pools' prices over REST in both API modes, and reads each pod's environment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RunpodError } from '../../../src/domain/errors.js';
import { serverlessSpend } from '../../../src/domain/serverless.js';
import { createManualClock, type ManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createPodGateway } from '../../../src/runpod/create-pod-gateway.js';
import { createDemoWorld, demoEndpointIds, demoPodIds } from '../../../src/sandbox/runpod/demo-world.js';
import {
  type RunpodSimulator,
  startRunpodSimulator,
} from '../../../src/sandbox/runpod/start-runpod-simulator.js';
import { responseProblems, specPath } from '../../support/rest-v2-spec.js';

const KEY = 'rp_serverless_key';
const SDXL = demoEndpointIds['sdxl-turbo-api'];
let sim: RunpodSimulator;
let clock: ManualClock;

async function start(): Promise<void> {
  clock = createManualClock('2026-11-30T10:00:00Z');
  sim = await startRunpodSimulator({ apiKey: KEY, clock, world: createDemoWorld(clock) });
}

afterEach(async () => {
  await sim.close();
});

async function conforming(path: string): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
  const body: unknown = await response.json();
  const template = specPath(path.split('?')[0] ?? path);
  expect(template, `${path} is a published route`).not.toBeNull();
  expect(
    responseProblems(
      template ?? '',
      'GET',
      response.status,
      response.headers.get('content-type') ?? '',
      body,
    ),
    `GET ${path} → ${response.status}`,
  ).toEqual([]);
  return body;
}

const gatewayFor = (api: 'rest' | 'graphql', apiKey = KEY) =>
  createPodGateway(
    {
      api,
      apiKey,
      graphqlUrl: sim.graphqlUrl,
      restUrl: sim.restUrl,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      clock,
    },
    silentLogger,
  );

describe('the simulator serves serverless in the published shapes', () => {
  it('endpoints, one endpoint, a 404, the billing per hour and per day, and the pools in the catalogue', async () => {
    await start();
    const list = (await conforming('/v2/serverless')) as { endpoints: { name: string; workers: unknown }[] };
    expect(list.endpoints.map((e) => [e.name, e.workers])).toEqual([
      ['sdxl-turbo-api', { min: 2, max: 6, idleTimeout: 5 }],
      ['whisper-transcribe', { min: 0, max: 3, idleTimeout: 5 }],
    ]);
    sim.world.addEndpoint({
      id: 'cpuembed000001',
      name: 'cpu-embedder',
      image: 'ghcr.io/team/embedder:1.0',
      gpuPools: [],
      gpuCount: 0,
      workersMin: 1,
      workersMax: 2,
    });
    await conforming('/v2/serverless');
    await conforming(`/v2/serverless/${SDXL}`);
    await conforming('/v2/serverless/cpuembed000001');
    await conforming('/v2/serverless/nosuchendpoint');
    const hourly = (await conforming(
      '/v2/billing/serverless?bucketSize=hour&startTime=2026-11-29T00:00:00Z&endTime=2026-11-30T00:00:00Z',
    )) as { records: { serverlessId: string; totalAmount: number }[] };
    const sdxlDay = hourly.records
      .filter((r) => r.serverlessId === SDXL)
      .reduce((sum, r) => sum + r.totalAmount, 0);
    // Two always-on RTX 4090 workers at $0.77/h, plus $6.50 a day of requests.
    expect(sdxlDay).toBeCloseTo(2 * 0.77 * 24 + 6.5, 2);
    await conforming(
      `/v2/billing/serverless?bucketSize=day&startTime=2026-11-01T00:00:00Z&endTime=2026-11-30T00:00:00Z&serverlessId=${SDXL}`,
    );
    const catalogue = (await conforming('/v2/catalog/gpus')) as {
      gpus: { id: string; pool: string | null; price: { serverless?: number } }[];
    };
    expect(catalogue.gpus.find((g) => g.id === 'NVIDIA GeForce RTX 4090')).toMatchObject({
      pool: 'ADA_24',
      price: { serverless: 0.77 },
    });
  });
});

describe.each(['rest', 'graphql'] as const)('the gateway over %s', (api) => {
  it('reads serverless over REST: endpoints, billing and the pool prices, GETs only on published routes', async () => {
    await start();
    const from = new Date('2026-11-29T00:00:00Z');
    const to = new Date('2026-11-30T00:00:00Z');
    const facts = await gatewayFor(api).getServerless?.(from, to);
    expect(facts?.endpoints.find((e) => e.id === SDXL)).toEqual({
      id: SDXL,
      name: 'sdxl-turbo-api',
      workersMin: 2,
      workersMax: 6,
      gpuPools: ['ADA_24', 'AMPERE_48'],
      gpuCount: 1,
    });
    expect(facts?.poolPrices.get('ADA_24')).toBe(0.77);
    const spend = serverlessSpend(facts ?? { endpoints: [], billing: [], poolPrices: new Map() }, from, to);
    expect(spend.totalUsd).toBeCloseTo(2 * 0.77 * 24 + 6.5 + 3.2, 2);
    expect(spend.endpoints[0]?.alwaysOnUsdPerDay).toBeCloseTo(36.96, 6);
    const reads = sim.requests.filter((r) => r.api === 'rest');
    expect(reads.map((r) => r.path).sort()).toEqual([
      '/v2/billing/serverless',
      '/v2/catalog/gpus',
      '/v2/serverless',
    ]);
    expect(reads.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    expect(reads.find((r) => r.path === '/v2/billing/serverless')?.searchParams).toEqual({
      bucketSize: 'hour',
      startTime: '2026-11-29T00:00:00.000Z',
      endTime: '2026-11-30T00:00:00.000Z',
    });
    expect(sim.mutations()).toEqual([]);
  });

  it('reads a CPU endpoint with always-on workers, whose cost a day is unknown', async () => {
    await start();
    sim.world.addEndpoint({
      id: 'cpuembed000001',
      name: 'cpu-embedder',
      image: 'ghcr.io/team/embedder:1.0',
      gpuPools: [],
      gpuCount: 0,
      workersMin: 1,
      workersMax: 2,
    });
    const from = new Date('2026-11-29T00:00:00Z');
    const to = new Date('2026-11-30T00:00:00Z');
    const facts = await gatewayFor(api).getServerless?.(from, to);
    expect(facts?.endpoints.find((e) => e.id === 'cpuembed000001')).toMatchObject({
      gpuPools: [],
      gpuCount: 0,
    });
    const spend = serverlessSpend(facts ?? { endpoints: [], billing: [], poolPrices: new Map() }, from, to);
    expect(spend.endpoints.find((e) => e.name === 'cpu-embedder')).toMatchObject({
      workersMin: 1,
      alwaysOnUsdPerDay: null,
    });
  });

  it('fails as runpod_auth when REST refuses the key', async () => {
    await start();
    const error = await gatewayFor(api, 'wrong-key')
      .getServerless?.(new Date('2026-11-29T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunpodError);
    expect((error as RunpodError).kind).toBe('runpod_auth');
  });

  it("reads each pod's environment", async () => {
    await start();
    const pods = await gatewayFor(api).listPods();
    const notebook = pods.find((p) => p.id === demoPodIds['alice-notebook']);
    expect(notebook?.env).toEqual({ HF_TOKEN: 'hf_demoDemoDemoDemoDemoDemo0000', WANDB_PROJECT: 'llama-ft' });
    expect(pods.find((p) => p.id === demoPodIds['llama3-70b-ft'])?.env).toEqual({
      JUPYTER_PASSWORD: '{{ RUNPOD_SECRET_jupyter }}',
      HF_TOKEN: '{{ RUNPOD_SECRET_hf_token }}',
    });
  });
});
