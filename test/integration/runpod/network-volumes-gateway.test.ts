import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/lib/logger.js';
import { createGraphqlGateway } from '../../../src/runpod/graphql/create-graphql-gateway.js';
import { createRestGateway } from '../../../src/runpod/rest/create-rest-gateway.js';
import type { SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import type { RunpodSimulator } from '../../../src/sandbox/runpod/start-runpod-simulator.js';
import { instantRetries, startSimulatedRunpod } from './gateway-fixture.js';

const KEY = 'rp_volumes_test_key';

let sim: RunpodSimulator;
let world: SimWorld;
let sleeps: number[];

const retries = () => instantRetries((ms) => sleeps.push(ms));

const graphqlGateway = (apiKey = KEY) =>
  createGraphqlGateway({ url: sim.graphqlUrl, apiKey, logger: silentLogger, ...retries() });

const restGateway = () =>
  createRestGateway({
    restUrl: sim.restUrl,
    graphqlUrl: sim.graphqlUrl,
    apiKey: KEY,
    logger: silentLogger,
    ...retries(),
  });

beforeEach(async () => {
  ({ world, sim } = await startSimulatedRunpod(KEY, { start: '2026-11-02T00:00:00Z', balance: 800 }));
  sleeps = [];
  world.addNetworkVolume({ id: 'nv1', name: 'shared-datasets', size: 250, dataCenterId: 'EU-RO-1' });
  world.addNetworkVolume({ id: 'nv2', name: null, size: null, dataCenterId: null });
});

afterEach(async () => {
  await sim.close();
});

describe('network volumes from RunPod', () => {
  it('GraphQL lists them in one NetworkVolumes query, tolerating null name, size and data centre', async () => {
    expect(await graphqlGateway().listNetworkVolumes?.()).toEqual([
      { id: 'nv1', name: 'shared-datasets', sizeGb: 250, dataCenterId: 'EU-RO-1' },
      { id: 'nv2', name: 'nv2', sizeGb: 0, dataCenterId: null },
    ]);
    expect(sim.requests.map((r) => [r.api, r.operationName, r.status])).toEqual([
      ['graphql', 'NetworkVolumes', 200],
    ]);
  });

  it('is retried after a 500 like the other queries', async () => {
    sim.faults.failNext('server_error');
    const volumes = await graphqlGateway().listNetworkVolumes?.();
    expect(volumes?.map((v) => v.id)).toEqual(['nv1', 'nv2']);
    expect(sim.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(sleeps).toHaveLength(1);
  });

  it('an answer with myself: null (no key) is no volumes', async () => {
    expect(await graphqlGateway('').listNetworkVolumes?.()).toEqual([]);
  });

  it('the REST gateway reads them from GET /v2/network-volumes', async () => {
    const volumes = await restGateway().listNetworkVolumes?.();
    expect(volumes?.[0]).toEqual({
      id: 'nv1',
      name: 'shared-datasets',
      sizeGb: 250,
      dataCenterId: 'EU-RO-1',
    });
    expect(sim.requests.map((r) => [r.api, r.method, r.path])).toEqual([
      ['rest', 'GET', '/v2/network-volumes'],
    ]);
  });

  it('the REST gateway reconciles with pod and network-volume billing together', async () => {
    const records = await restGateway().getBilling(
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-11-03T00:00:00Z'),
    );
    const paths = sim.requests.map((r) => r.path).sort();
    expect(paths).toEqual(['/v2/billing/network-volumes', '/v2/billing/pods']);
    // 250 GB at $0.07 per GB-month for the day before the simulator's start, nothing after it.
    expect(records?.filter((r) => r.podId === 'nv1').map((r) => r.totalAmount)).toEqual([0.5833]);
  });
});
