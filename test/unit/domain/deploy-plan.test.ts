import { describe, expect, it } from 'vitest';
import { canMountIn } from '../../../src/domain/deploy-catalogue.js';
import {
  DEFAULT_IMAGE,
  type DeployCatalogue,
  type DeployForm,
  planDeploy,
} from '../../../src/domain/deploy-plan.js';
import type { GpuType } from '../../../src/domain/pod.js';
import { deployForm } from '../../fixtures/deploy-form.js';

const gpu = (id: string, name: string, dataCenterIds: string[] | null, prices = [1.9, 1.2]): GpuType => ({
  id,
  displayName: name,
  memoryInGb: 80,
  securePrice: prices[0] ?? null,
  communityPrice: prices[1] ?? null,
  secureSpotPrice: 1.1,
  communitySpotPrice: null,
  maxGpuCount: 8,
  stockStatus: 'High',
  dataCenterIds,
});

const catalogue: DeployCatalogue = {
  gpuTypes: [
    gpu('H100', 'H100 SXM', ['US-TX-3', 'EU-RO-1']),
    gpu('A6000', 'RTX A6000', ['US-GA-1']),
    gpu('MYSTERY', 'Mystery GPU', null),
  ],
  cpuTypes: [
    {
      id: 'cpu3c',
      displayName: 'CPU 3c',
      vcpuMin: 2,
      vcpuMax: 32,
      ramGbPerVcpu: 2,
      pricePerVcpu: 0.03,
      dataCenterIds: ['US-TX-3'],
    },
  ],
  templates: [
    {
      id: 'tpl',
      name: 'team vllm',
      source: 'own',
      category: 'NVIDIA',
      image: 'vllm/vllm-openai:v0.6.3',
      containerDiskInGb: 40,
      volumeInGb: 60,
      volumeMountPath: '/workspace',
      ports: ['8000/http'],
      env: [
        { key: 'HF_TOKEN', value: '{{ RUNPOD_SECRET_hf_token }}' },
        { key: 'MODE', value: 'serve' },
      ],
    },
    {
      id: 'cpu-tpl',
      name: 'ubuntu',
      source: 'runpod',
      category: 'CPU',
      image: 'ubuntu',
      containerDiskInGb: 20,
      volumeInGb: null,
      volumeMountPath: null,
      ports: [],
      env: [],
    },
  ],
  networkVolumes: [{ id: 'nv1', name: 'datasets', sizeGb: 250, dataCenterId: 'EU-RO-1' }],
  secretNames: ['hf_token'],
};

const form = (overrides: Partial<DeployForm> = {}): DeployForm => deployForm('H100', overrides);

describe('planning a deploy', () => {
  it('name and GPU alone give the defaults', () => {
    const planned = planDeploy(form(), catalogue);
    expect(planned).toMatchObject({
      ok: true,
      value: {
        request: {
          imageName: DEFAULT_IMAGE,
          containerDiskInGb: 50,
          volumeInGb: 100,
          ports: [],
          env: [],
          templateId: null,
          networkVolume: null,
          cpu: null,
        },
        plainCredentials: [],
      },
    });
  });

  it("a template fills what was left empty; the form's values and variables win", () => {
    const planned = planDeploy(
      form({ templateId: 'tpl', containerDiskInGb: 80, env: [{ key: 'MODE', value: 'train' }] }),
      catalogue,
    );
    expect(planned.ok && planned.value.request).toMatchObject({
      templateId: 'tpl',
      imageName: 'vllm/vllm-openai:v0.6.3',
      containerDiskInGb: 80,
      volumeInGb: 60,
      ports: ['8000/http'],
      env: [
        { key: 'HF_TOKEN', value: '{{ RUNPOD_SECRET_hf_token }}' },
        { key: 'MODE', value: 'train' },
      ],
    });
  });

  it('a network volume pins its data center: GPU types elsewhere are refused, with those that fit', () => {
    const refused = planDeploy(
      form({ machine: { kind: 'gpu', gpuTypeId: 'A6000' }, networkVolumeId: 'nv1' }),
      catalogue,
    );
    expect(refused).toEqual({
      ok: false,
      error: {
        machine: 'RTX A6000 is not in EU-RO-1, where the network volume is. There: H100 SXM, Mystery GPU.',
      },
    });
    const fits = planDeploy(form({ networkVolumeId: 'nv1', cloudType: 'ALL' }), catalogue);
    expect(fits.ok && fits.value.request).toMatchObject({
      networkVolume: { id: 'nv1', dataCenterId: 'EU-RO-1' },
      volumeInGb: 0,
      cloudType: 'SECURE',
    });
  });

  it('a network volume refuses Community cloud and a pod volume typed beside it', () => {
    expect(
      planDeploy(form({ networkVolumeId: 'nv1', cloudType: 'COMMUNITY', volumeInGb: 50 }), catalogue),
    ).toEqual({
      ok: false,
      error: {
        cloud: 'Network volumes live in Secure cloud; pick Secure or Any.',
        volume: 'The network volume is mounted at /workspace; leave the pod volume empty.',
      },
    });
  });

  it('volume and data-center compatibility: unknown placement is not refused', () => {
    expect(canMountIn(['EU-RO-1'], 'EU-RO-1')).toBe(true);
    expect(canMountIn(['US-GA-1'], 'EU-RO-1')).toBe(false);
    expect(canMountIn(null, 'EU-RO-1')).toBe(true);
  });

  it('CPU pods: vCPUs within the type, memory from GB per vCPU, on demand in Secure cloud only', () => {
    const cpu = { kind: 'cpu' as const, cpuTypeId: 'cpu3c' };
    const planned = planDeploy(form({ machine: cpu, vcpuCount: 8 }), catalogue);
    expect(planned.ok && planned.value.request).toMatchObject({
      gpuTypeId: null,
      gpuCount: 0,
      cpu: { flavorId: 'cpu3c', vcpuCount: 8, memoryInGb: 16 },
      cloudType: 'SECURE',
    });
    expect(planDeploy(form({ machine: cpu }), catalogue)).toMatchObject({
      ok: true,
      value: { request: { cpu: { vcpuCount: 2 } } },
    });
    expect(
      planDeploy(form({ machine: cpu, vcpuCount: 64, spot: true, cloudType: 'COMMUNITY' }), catalogue),
    ).toEqual({
      ok: false,
      error: {
        vcpuCount: 'CPU 3c pods have 2 to 32 vCPUs.',
        pricing: 'CPU pods run on demand only.',
        cloud: 'CPU pods run in Secure cloud only.',
      },
    });
    expect(planDeploy(form({ machine: cpu, networkVolumeId: 'nv1' }), catalogue)).toMatchObject({
      ok: false,
      error: { machine: expect.stringContaining('not in EU-RO-1') },
    });
    expect(planDeploy(form({ templateId: 'cpu-tpl' }), catalogue)).toMatchObject({
      ok: false,
      error: { template: expect.stringContaining('CPU pods') },
    });
    expect(planDeploy(form({ vcpuCount: 4 }), catalogue)).toMatchObject({
      ok: false,
      error: { vcpuCount: expect.stringContaining('CPU pods') },
    });
  });

  it('secret references must name a secret the account has; plain credentials are reported by key', () => {
    expect(planDeploy(form({ env: [{ key: 'W', value: '{{ RUNPOD_SECRET_wandb }}' }] }), catalogue)).toEqual({
      ok: false,
      error: { env: 'RunPod has no secret named wandb. Yours: hf_token.' },
    });
    const unknownSecrets = planDeploy(form({ env: [{ key: 'W', value: '{{ RUNPOD_SECRET_wandb }}' }] }), {
      ...catalogue,
      secretNames: null,
    });
    expect(unknownSecrets.ok).toBe(true);
    const plain = planDeploy(
      form({ env: [{ key: 'HF_TOKEN', value: 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz12' }] }),
      catalogue,
    );
    expect(plain.ok && plain.value.plainCredentials).toEqual(['HF_TOKEN']);
  });

  it('"any cloud" is carried as the cheapest cloud for APIs that cannot say "any"; spot bids the listed price', () => {
    const any = planDeploy(form({ cloudType: 'ALL' }), catalogue);
    expect(any.ok && any.value.request).toMatchObject({ cloudType: 'ALL', anyCloudAs: 'COMMUNITY' });
    const spot = planDeploy(form({ spot: true }), catalogue);
    expect(spot.ok && spot.value.request).toMatchObject({ spot: true, bidPerGpu: 1.1 });
    expect(planDeploy(form({ spot: true, cloudType: 'COMMUNITY' }), catalogue)).toMatchObject({
      ok: false,
      error: { pricing: expect.stringContaining('no spot price') },
    });
  });

  it('a spot pod on a network volume with "any cloud" goes to Secure cloud and bids its price there', () => {
    const cheapCommunity: DeployCatalogue = {
      ...catalogue,
      gpuTypes: catalogue.gpuTypes.map((g) => (g.id === 'H100' ? { ...g, communitySpotPrice: 0.7 } : g)),
    };
    const anywhere = planDeploy(form({ spot: true, cloudType: 'ALL' }), cheapCommunity);
    expect(anywhere.ok && anywhere.value.request).toMatchObject({ cloudType: 'ALL', bidPerGpu: 0.7 });
    const onVolume = planDeploy(
      form({ spot: true, cloudType: 'ALL', networkVolumeId: 'nv1' }),
      cheapCommunity,
    );
    expect(onVolume.ok && onVolume.value.request).toMatchObject({ cloudType: 'SECURE', bidPerGpu: 1.1 });
  });
});
