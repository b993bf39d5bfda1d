import { describe, expect, it } from 'vitest';
import { CallbackId } from '../../../../src/slack/action-ids.js';
import { buildDeployModal, DeployInput, gpuOptionText } from '../../../../src/slack/blocks/deploy-modal.js';
import {
  buildNoticeModal,
  buildTerminateModal,
  TERMINATE_INPUT,
} from '../../../../src/slack/blocks/terminate-modal.js';
import { createFakeGateway } from '../../services/pod-service-fakes.js';
import { expectValidModal, textOf } from './block-limits.js';

describe('terminate modal', () => {
  it('asks for the exact name, submits with "Terminate" and remembers the pod', () => {
    const view = buildTerminateModal(
      {
        pod: { id: 'abc123', name: 'llama-ft' },
        ownerId: 'UALICE',
        status: 'EXITED',
        costPerHr: 2.49,
        volumeInGb: 100,
      },
      'C1',
    );
    expect(view.callback_id).toBe(CallbackId.terminate);
    expect(view.submit).toMatchObject({ type: 'plain_text', text: 'Terminate' });
    expect(JSON.parse(String(view.private_metadata))).toEqual({
      podId: 'abc123',
      podName: 'llama-ft',
      channelId: 'C1',
    });
    const text = textOf(view.blocks as unknown[]);
    expect(text).toContain('deletes it for good');
    expect(text).toContain('Exactly: llama-ft');
    expect((view.blocks as { block_id?: string }[]).some((b) => b.block_id === TERMINATE_INPUT)).toBe(true);
    expectValidModal(view);
  });

  it('has a notice form for loading and refusals', () => {
    expectValidModal(buildNoticeModal('Terminate pod', 'Loading…'));
  });
});

const EMPTY_CATALOGUE = { cpuTypes: [], templates: [], networkVolumes: [], secretNames: null };

const FULL_CATALOGUE = {
  cpuTypes: [
    {
      id: 'cpu3c',
      displayName: 'CPU 3c (Compute-Optimized)',
      vcpuMin: 2,
      vcpuMax: 32,
      ramGbPerVcpu: 2,
      pricePerVcpu: 0.04,
      dataCenterIds: ['EU-RO-1'],
    },
  ],
  templates: [
    {
      id: 'tpl-own',
      name: 'team-vllm',
      source: 'own' as const,
      category: 'NVIDIA' as const,
      image: 'vllm/vllm-openai:v0.6.3',
      containerDiskInGb: 40,
      volumeInGb: 60,
      volumeMountPath: '/workspace',
      ports: ['8000/http'],
      env: [],
    },
    {
      id: 'runpod-torch-v240',
      name: 'RunPod PyTorch 2.4',
      source: 'runpod' as const,
      category: 'NVIDIA' as const,
      image: 'runpod/pytorch:2.4.0',
      containerDiskInGb: 50,
      volumeInGb: 100,
      volumeMountPath: '/workspace',
      ports: ['8888/http', '22/tcp'],
      env: [],
    },
  ],
  networkVolumes: [{ id: 'nv1', name: 'shared-datasets', sizeGb: 250, dataCenterId: 'EU-RO-1' }],
  secretNames: ['hf_token', 'wandb_key'],
};

describe('deploy modal', () => {
  it('offers GPU types with price and stock, and every field', () => {
    const gpus = createFakeGateway([]).gpuTypes.filter((g) => g.id !== 'unknown');
    const view = buildDeployModal(
      { ...FULL_CATALOGUE, gpuTypes: gpus, maxPerHourForMembers: 2, fetchedAt: new Date() },
      'C1',
    );
    expect(view.callback_id).toBe(CallbackId.deploy);
    const blockIds = (view.blocks as { block_id?: string }[]).map((b) => b.block_id);
    for (const id of Object.values(DeployInput)) expect(blockIds).toContain(id);
    expect(gpuOptionText(gpus[0] ?? ({} as never))).toBe('A100 80GB · $1.59/h · spot $0.90 · stock High');
    expect(textOf(view.blocks as unknown[])).toContain('up to $2.00/h');
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain('Your templates');
    expect(shown).toContain('RunPod templates');
    expect(shown).toContain('cpu:cpu3c');
    expect(shown).toContain('shared-datasets · 250 GB · EU-RO-1');
    expect(shown).toContain('Your secrets: hf_token, wandb_key');
    expectValidModal(view);
  });

  it('keeps within limits with a huge catalogue', () => {
    const base = createFakeGateway([]).gpuTypes[0];
    if (!base) throw new Error('no gpu');
    const gpus = Array.from({ length: 150 }, (_, i) => ({
      ...base,
      id: `gpu-${i}`,
      displayName: `GPU ${'x'.repeat(90)} ${i}`,
    }));
    const view = buildDeployModal(
      { ...EMPTY_CATALOGUE, gpuTypes: gpus, maxPerHourForMembers: null, fetchedAt: new Date() },
      'C1',
    );
    expectValidModal(view);
  });
});
