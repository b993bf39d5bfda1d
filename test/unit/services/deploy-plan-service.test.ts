import { describe, expect, it } from 'vitest';
import type { DeployForm } from '../../../src/domain/deploy-plan.js';
import { createPodService } from '../../../src/services/pod-service.js';
import { deployForm } from '../../fixtures/deploy-form.js';
import { createHarness } from './pod-service-fakes.js';

const cpu3c = {
  id: 'cpu3c',
  displayName: 'CPU 3c',
  vcpuMin: 2,
  vcpuMax: 32,
  ramGbPerVcpu: 2,
  pricePerVcpu: 0.05,
  dataCenterIds: null,
};

const form = (overrides: Partial<DeployForm> = {}): DeployForm =>
  deployForm('NVIDIA H100 80GB HBM3', overrides);

describe('pod service: planning and vetting a deploy', () => {
  it('warns about a plain-text credential once per form, then lets the same form through', async () => {
    const h = createHarness([], {});
    const service = createPodService(h.deps);
    const typed = form({ env: [{ key: 'WANDB_API_KEY', value: 'not-a-reference' }] });
    const first = await service.planDeploy(typed, 'V1');
    expect(first).toMatchObject({
      ok: true,
      value: { fieldErrors: { env: expect.stringContaining('WANDB_API_KEY') } },
    });
    expect(JSON.stringify(first)).not.toContain('not-a-reference');
    expect(await service.planDeploy(typed, 'V1')).toMatchObject({
      ok: true,
      value: { request: { name: 'exp' } },
    });
    // Another form, or the same form with another value, is warned again.
    expect(await service.planDeploy(typed, 'V2')).toMatchObject({ ok: true, value: { fieldErrors: {} } });
    const changed = form({ env: [{ key: 'WANDB_API_KEY', value: 'another' }] });
    expect(await service.planDeploy(changed, 'V1')).toMatchObject({ ok: true, value: { fieldErrors: {} } });
    expect(h.gateway.mutations()).toEqual([]);
  });

  it('keeps members within POD_DEPLOY_MAX_PER_HOUR for CPU pods too (vCPUs × price per vCPU)', async () => {
    const h = createHarness([], {}, { deployMaxPerHour: 0.5 });
    Object.assign(h.gateway, { listCpuTypes: async () => [cpu3c] });
    const service = createPodService(h.deps);
    const planned = await service.planDeploy(
      form({ machine: { kind: 'cpu', cpuTypeId: 'cpu3c' }, vcpuCount: 16 }),
      'V1',
    );
    if (!planned.ok || !('request' in planned.value)) throw new Error('expected a request');
    expect(planned.value.request.cpu).toEqual({ flavorId: 'cpu3c', vcpuCount: 16, memoryInGb: 32 });
    expect(await service.deploy('UALICE', planned.value.request)).toEqual({
      ok: false,
      error: { kind: 'over_deploy_limit', costPerHr: 0.8, limit: 0.5 },
    });
    expect(h.gateway.mutations()).toEqual([]);
  });
});
