import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/lib/logger.js';
import { createGraphqlGateway } from '../../../src/runpod/graphql/create-graphql-gateway.js';
import { createRestGateway } from '../../../src/runpod/rest/create-rest-gateway.js';
import type { SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import type { RunpodSimulator } from '../../../src/sandbox/runpod/start-runpod-simulator.js';
import type { PodGateway } from '../../../src/services/ports.js';
import { responseProblems, specPath, specProblems } from '../../support/rest-v2-spec.js';
import { failure, instantRetries, startSimulatedRunpod } from './gateway-fixture.js';

/**
 * Deploys from templates, of CPU pods and with a network volume, ports and environment: every
 * body the REST adapter sends validates against CreatePodRequest, the catalogue reads behind the
 * form are served in the published shapes, and the simulator refuses what RunPod would.
 */
const KEY = 'rp_deploy_key';
let sim: RunpodSimulator;
let world: SimWorld;
let gateway: PodGateway;

const base = {
  gpuTypeId: 'NVIDIA L40S',
  gpuCount: 1,
  imageName: 'runpod/pytorch:2.4.0',
  containerDiskInGb: 30,
  volumeInGb: 0,
  cloudType: 'SECURE' as const,
  spot: false,
  bidPerGpu: null,
};

const created = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/v2/pods');

beforeEach(async () => {
  ({ sim, world } = await startSimulatedRunpod(KEY, { start: '2026-11-02T09:00:00Z', balance: 500 }));
  world.addNetworkVolume({ id: 'nv-data01', name: 'datasets', size: 200, dataCenterId: 'EU-RO-1' });
  world.addSecret('hf_token');
  world.addTemplate({
    id: 'tpl-own-1',
    name: 'team vllm',
    public: false,
    category: 'NVIDIA',
    image: 'vllm/vllm-openai:v0.6.3',
    disk: 40,
    volumeInGb: 60,
    ports: ['8000/http'],
    env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf_token }}' },
  });
  gateway = createRestGateway({
    restUrl: sim.restUrl,
    graphqlUrl: sim.graphqlUrl,
    apiKey: KEY,
    logger: silentLogger,
    ...instantRetries(() => {}),
  });
});
afterEach(async () => {
  await sim.close();
});

describe('REST v2 create bodies', () => {
  it('a template deploy sends templateId with the values it carries', async () => {
    const pod = await gateway.deployPod({
      ...base,
      name: 'from-template',
      imageName: 'vllm/vllm-openai:v0.6.3',
      containerDiskInGb: 40,
      volumeInGb: 60,
      templateId: 'tpl-own-1',
      ports: ['8000/http'],
      env: [{ key: 'HF_TOKEN', value: '{{ RUNPOD_SECRET_hf_token }}' }],
    });
    const body = created()[0]?.body;
    expect(specProblems('CreatePodRequest', body)).toEqual([]);
    expect(body).toMatchObject({ templateId: 'tpl-own-1', ports: ['8000/http'], cloud: 'SECURE' });
    expect(world.pod(pod.id)).toMatchObject({ imageName: 'vllm/vllm-openai:v0.6.3', ports: '8000/http' });
  });

  it('a CPU deploy sends cpu {id, vcpuCount} and no gpu', async () => {
    const pod = await gateway.deployPod({
      ...base,
      name: 'etl',
      gpuTypeId: null,
      gpuCount: 0,
      cpu: { flavorId: 'cpu3c', vcpuCount: 4, memoryInGb: 8 },
    });
    const body = created()[0]?.body as Record<string, unknown>;
    expect(specProblems('CreatePodRequest', body)).toEqual([]);
    expect(body.cpu).toEqual({ id: 'cpu3c', vcpuCount: 4 });
    expect(body.gpu).toBeUndefined();
    expect(world.pod(pod.id)).toMatchObject({ gpuTypeId: null, vcpuCount: 4, memoryInGb: 8 });
  });

  it('a network volume, ports and env: mounts.network, the volume data center, env as an object', async () => {
    const pod = await gateway.deployPod({
      ...base,
      name: 'with-volume',
      networkVolume: { id: 'nv-data01', dataCenterId: 'EU-RO-1' },
      ports: ['8888/http', '22/tcp'],
      env: [
        { key: 'HF_TOKEN', value: '{{ RUNPOD_SECRET_hf_token }}' },
        { key: 'MODE', value: 'train' },
      ],
    });
    const body = created()[0]?.body;
    expect(specProblems('CreatePodRequest', body)).toEqual([]);
    expect(body).toMatchObject({
      mounts: { network: [{ volumeId: 'nv-data01', path: '/workspace' }] },
      dataCenterIds: ['EU-RO-1'],
      ports: ['8888/http', '22/tcp'],
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf_token }}', MODE: 'train' },
    });
    expect(world.pod(pod.id)).toMatchObject({ networkVolumeId: 'nv-data01', location: 'EU-RO-1' });
  });

  it('"any cloud" is sent as a cloud the structure knows', async () => {
    await gateway.deployPod({ ...base, name: 'any', cloudType: 'ALL', anyCloudAs: 'COMMUNITY' });
    const body = created()[0]?.body;
    expect(specProblems('CreatePodRequest', body)).toEqual([]);
    expect(body).toMatchObject({ cloud: 'COMMUNITY' });
  });

  it('the simulator refuses a GPU type outside the volume data center, and unknown keys with a 422', async () => {
    const error = await failure(
      gateway.deployPod({
        ...base,
        name: 'wrong-dc',
        gpuTypeId: 'NVIDIA RTX A6000',
        networkVolume: { id: 'nv-data01', dataCenterId: 'EU-RO-1' },
      }),
    );
    expect(error.kind).toBe('no_capacity');
    const response = await fetch(`${sim.restUrl}/pods`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', image: 'i', computeType: 'CPU', cpuFlavorIds: ['cpu3c'] }),
    });
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(responseProblems('/v2/pods', 'POST', 422, 'application/problem+json', problem)).toEqual([]);
    expect(world.pods()).toEqual([]);
  });
});

describe('the catalogue behind the deploy form', () => {
  it('serves templates, CPU types and GPU data centers in the published shapes', async () => {
    for (const path of [
      '/v2/templates',
      '/v2/catalog/templates',
      '/v2/catalog/cpus?include=AVAILABILITY',
      '/v2/catalog/gpus?include=AVAILABILITY',
    ]) {
      const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
      const body = await response.json();
      const template = specPath(path.split('?')[0] ?? path) ?? '';
      expect(
        responseProblems(template, 'GET', response.status, response.headers.get('content-type') ?? '', body),
        path,
      ).toEqual([]);
    }
    const templates = (await gateway.listTemplates?.()) ?? [];
    expect(templates.filter((t) => t.source === 'own').map((t) => t.name)).toEqual(['team vllm']);
    expect(templates.some((t) => t.source === 'runpod' && t.name.includes('PyTorch'))).toBe(true);
    expect(templates.some((t) => t.name.includes('serverless'))).toBe(false);
    expect((await gateway.listCpuTypes?.())?.[0]).toMatchObject({ id: 'cpu3c', vcpuMin: 2, ramGbPerVcpu: 2 });
    expect(await gateway.listSecretNames?.()).toEqual(['hf_token']);
    const l40s = (await gateway.listGpuTypes()).find((g) => g.id === 'NVIDIA L40S');
    expect(l40s?.dataCenterIds).toContain('EU-RO-1');
  });

  it('GraphQL mode sends the same deploy as podFindAndDeployOnDemand input fields', async () => {
    const graphql = createGraphqlGateway({
      url: sim.graphqlUrl,
      apiKey: KEY,
      logger: silentLogger,
      ...instantRetries(() => {}),
    });
    const cpuPod = await graphql.deployPod({
      ...base,
      name: 'gql-cpu',
      gpuTypeId: null,
      gpuCount: 0,
      cpu: { flavorId: 'cpu3c', vcpuCount: 4, memoryInGb: 8 },
    });
    expect(world.pod(cpuPod.id)).toMatchObject({ gpuTypeId: null, vcpuCount: 4 });
    const volumePod = await graphql.deployPod({
      ...base,
      name: 'gql-volume',
      templateId: 'tpl-own-1',
      networkVolume: { id: 'nv-data01', dataCenterId: 'EU-RO-1' },
      ports: ['8000/http'],
      env: [{ key: 'MODE', value: 'serve' }],
    });
    expect(world.pod(volumePod.id)).toMatchObject({
      networkVolumeId: 'nv-data01',
      location: 'EU-RO-1',
      ports: '8000/http',
      env: ['HF_TOKEN={{ RUNPOD_SECRET_hf_token }}', 'MODE=serve'],
    });
  });
});
