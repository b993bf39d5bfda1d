import { describe, expect, it } from 'vitest';
import { createPodService } from '../../../src/services/pod-service.js';
import { buildResumeReply } from '../../../src/slack/blocks/resume-blocks.js';
import { createHarness, makePod } from './pod-service-fakes.js';

const llama = makePod({ id: 'abc123', name: 'llama-ft', costPerHr: 2.49 });
const sdxl = makePod({ id: 'def456', name: 'sdxl', status: 'EXITED', runtime: null, costPerHr: 0.44 });
const spot = makePod({
  id: 'spt789',
  name: 'cheap-spot',
  status: 'EXITED',
  runtime: null,
  isSpot: true,
  gpuCount: 2,
  costPerHr: 1.2,
});

const owners = { abc123: 'UALICE', def456: 'UBOB', spt789: 'UALICE' };

describe('pod service: stop', () => {
  it('stops the owner’s pod, reports the re-read state and audits it', async () => {
    const h = createHarness([llama, sdxl], owners);
    const result = await createPodService(h.deps).stop('UALICE', 'llama', 'done for today');

    expect(result).toMatchObject({
      ok: true,
      value: { pod: { id: 'abc123', status: 'EXITED' }, confirmed: true, firstStopByActor: true },
    });
    expect(h.gateway.mutations()).toEqual([{ method: 'stopPod', args: ['abc123'] }]);
    expect(h.gateway.calls.map((c) => c.method)).toContain('getPod');
    expect(h.store.audit).toEqual([
      expect.objectContaining({
        actor: 'UALICE',
        podId: 'abc123',
        podName: 'llama-ft',
        action: 'stop',
        reason: 'done for today',
        outcome: 'ok',
        detail: expect.stringContaining('EXITED'),
      }),
    ]);
  });

  it('says what a stop means to each person once: their second stop is not their first', async () => {
    const other = makePod({ id: 'ghi789', name: 'other' });
    const h = createHarness([llama, other], { abc123: 'UALICE', ghi789: 'UALICE' });
    const service = createPodService(h.deps);
    const first = await service.stop('UALICE', 'llama', null);
    const second = await service.stop('UALICE', 'other', null);
    expect(first).toMatchObject({ ok: true, value: { firstStopByActor: true } });
    expect(second).toMatchObject({ ok: true, value: { firstStopByActor: false } });
  });

  it('refuses a member stopping another member’s pod, names the owner, sends RunPod nothing', async () => {
    const h = createHarness([llama], owners);
    const result = await createPodService(h.deps).stop('UBOB', 'llama-ft', null);

    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'forbidden',
        action: 'stop',
        pod: { id: 'abc123', name: 'llama-ft' },
        ownerId: 'UALICE',
      },
    });
    expect(h.gateway.mutations()).toEqual([]);
    expect(h.store.audit).toEqual([
      expect.objectContaining({ actor: 'UBOB', outcome: 'refused', action: 'stop' }),
    ]);
  });

  it('lets an admin stop anyone’s pod', async () => {
    const h = createHarness([llama], owners);
    const result = await createPodService(h.deps).stop('UADMIN', 'abc123', null);
    expect(result.ok).toBe(true);
    expect(h.gateway.mutations()).toEqual([{ method: 'stopPod', args: ['abc123'] }]);
  });

  it('refuses read-only users when POD_MEMBERS is set', async () => {
    const h = createHarness([llama], { abc123: 'UOUT' }, { members: ['UALICE'] });
    const result = await createPodService(h.deps).stop('UOUT', 'llama', null);
    expect(result).toEqual({ ok: false, error: { kind: 'read_only', action: 'stop' } });
    expect(h.gateway.mutations()).toEqual([]);
  });

  it('reports success when RunPod errors but the pod did stop', async () => {
    const h = createHarness([llama], owners);
    h.gateway.failNext('stopPod', 'runpod_unavailable', 'HTTP 502', { applied: true });
    const result = await createPodService(h.deps).stop('UALICE', 'llama', null);
    expect(result).toMatchObject({
      ok: true,
      value: { pod: { status: 'EXITED' }, recoveredFrom: 'HTTP 502' },
    });
    expect(h.store.audit.at(-1)).toMatchObject({ outcome: 'ok' });
  });

  it('reports RunPod’s failure as a value and audits it when the pod did not stop', async () => {
    const h = createHarness([llama], owners);
    h.gateway.failNext('stopPod', 'runpod_auth', 'HTTP 401');
    const result = await createPodService(h.deps).stop('UALICE', 'llama', null);
    expect(result).toEqual({ ok: false, error: { kind: 'runpod_auth', detail: 'HTTP 401' } });
    expect(h.store.audit.at(-1)).toMatchObject({ outcome: 'failed', detail: 'runpod_auth: HTTP 401' });
  });

  it('does not stop a pod twice', async () => {
    const h = createHarness([sdxl], owners);
    const result = await createPodService(h.deps).stop('UBOB', 'sdxl', null);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid_state', status: 'EXITED', action: 'stop' },
    });
    expect(h.gateway.mutations()).toEqual([]);
  });

  it('lists candidates and does nothing for an ambiguous reference', async () => {
    const h = createHarness([llama, makePod({ id: 'abc999', name: 'other' })], owners);
    const result = await createPodService(h.deps).stop('UADMIN', 'abc', null);
    expect(result).toMatchObject({ ok: false, error: { kind: 'pod_ambiguous' } });
    expect(h.gateway.mutations()).toEqual([]);
  });

  it('turns an unexpected exception into a reference id, logged once', async () => {
    const h = createHarness([llama], owners);
    h.gateway.stopPod = async () => {
      throw new TypeError('boom');
    };
    const result = await createPodService(h.deps).stop('UALICE', 'llama', null);
    expect(result).toMatchObject({ ok: false, error: { kind: 'unexpected', reference: expect.any(String) } });
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({
      reference: result.ok ? '' : (result.error as { reference: string }).reference,
    });
    expect(h.store.audit.at(-1)).toMatchObject({ outcome: 'failed' });
  });

  it('returns RunPod being down as a value', async () => {
    const h = createHarness([llama], owners);
    h.gateway.failNext('listPods', 'runpod_unavailable', 'HTTP 500 after 3 attempts');
    const result = await createPodService(h.deps).stop('UALICE', 'llama', null);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'runpod_unavailable', detail: 'HTTP 500 after 3 attempts' },
    });
  });
});

describe('pod service: resume', () => {
  it('resumes with the pod’s GPU count by default', async () => {
    const h = createHarness([sdxl], owners);
    const result = await createPodService(h.deps).resume('UBOB', 'sdxl', null);
    expect(result).toMatchObject({
      ok: true,
      value: { pod: { status: 'RUNNING' }, gpuCount: 1, zeroGpu: false },
    });
    expect(h.gateway.mutations()).toEqual([{ method: 'resumePod', args: ['def456', 1] }]);
  });

  it('resumes a spot pod with a bid at its current price per GPU', async () => {
    const h = createHarness([spot], owners);
    const result = await createPodService(h.deps).resume('UALICE', 'cheap', null);
    expect(result).toMatchObject({ ok: true, value: { bidPerGpu: 0.6 } });
    expect(h.gateway.mutations()).toEqual([{ method: 'bidResumePod', args: ['spt789', 2, 0.6] }]);
  });

  it('reports a zero-GPU resume', async () => {
    const h = createHarness([sdxl], owners);
    const result = await createPodService(h.deps).resume('UBOB', 'sdxl', 0);
    expect(result).toMatchObject({ ok: true, value: { zeroGpu: true, gpuCount: 0 } });
    expect(h.gateway.mutations()).toEqual([{ method: 'resumePod', args: ['def456', 0] }]);
  });

  it('bids RunPod’s lowestBidPriceToResume for a spot pod when RunPod gives it', async () => {
    const h = createHarness([{ ...spot, lowestBidPriceToResume: 0.35 }], owners);
    const result = await createPodService(h.deps).resume('UALICE', 'cheap', null);
    expect(result).toMatchObject({ ok: true, value: { bidPerGpu: 0.35 } });
    expect(h.gateway.mutations()).toEqual([{ method: 'bidResumePod', args: ['spt789', 2, 0.35] }]);
  });

  it('reports what RunPod did, not what was asked: asked for 0 GPUs, given 1', async () => {
    const h = createHarness([sdxl], owners);
    const resume = h.gateway.resumePod.bind(h.gateway);
    h.gateway.resumePod = async (id, gpuCount) => {
      await resume(id, gpuCount);
      const pod = h.gateway.pods.get(id);
      if (pod) h.gateway.pods.set(id, { ...pod, gpuCount: 1 }); // RunPod brought it back with a GPU
    };
    const result = await createPodService(h.deps).resume('UBOB', 'sdxl', 0);
    expect(result).toMatchObject({ ok: true, value: { zeroGpu: false, gpuCount: 0, pod: { gpuCount: 1 } } });
    if (!result.ok) return;
    const reply = JSON.stringify(buildResumeReply(result.value, 'UBOB'));
    expect(reply).toContain('resumed `sdxl` (`def456`) with 1 × A100 80GB');
    expect(reply).not.toContain('zero GPUs');
  });

  it('returns no_capacity when RunPod has no free GPUs', async () => {
    const h = createHarness([sdxl], owners);
    h.gateway.failNext(
      'resumePod',
      'no_capacity',
      'There are not enough free GPUs on the host machine to start this pod.',
    );
    const result = await createPodService(h.deps).resume('UBOB', 'sdxl', null);
    expect(result).toMatchObject({ ok: false, error: { kind: 'no_capacity' } });
    expect(h.store.audit.at(-1)).toMatchObject({ action: 'resume', outcome: 'failed' });
  });

  it('refuses to resume a running pod', async () => {
    const h = createHarness([llama], owners);
    const result = await createPodService(h.deps).resume('UALICE', 'llama', null);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid_state', status: 'RUNNING', action: 'resume' },
    });
  });
});

describe('pod service: terminate', () => {
  it('checks permission before the modal opens', async () => {
    const h = createHarness([llama], owners);
    const service = createPodService(h.deps);
    expect(await service.terminateCandidate('UBOB', 'llama')).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', ownerId: 'UALICE' },
    });
    expect(await service.terminateCandidate('UALICE', 'llama')).toMatchObject({
      ok: true,
      value: { pod: { id: 'abc123', name: 'llama-ft' } },
    });
    expect(h.gateway.mutations()).toEqual([]);
  });

  it('does nothing unless the exact name is typed', async () => {
    const h = createHarness([llama], owners);
    const service = createPodService(h.deps);
    for (const typed of ['llama', 'LLAMA-FT', '', 'abc123']) {
      const result = await service.terminate('UALICE', 'abc123', typed);
      expect(result).toMatchObject({ ok: false, error: { kind: 'confirmation_mismatch' } });
    }
    expect(h.gateway.mutations()).toEqual([]);
    const done = await service.terminate('UALICE', 'abc123', ' llama-ft ');
    expect(done).toMatchObject({ ok: true, value: { pod: { id: 'abc123' } } });
    expect(h.gateway.mutations()).toEqual([{ method: 'terminatePod', args: ['abc123'] }]);
    expect(h.store.audit.at(-1)).toMatchObject({ action: 'terminate', outcome: 'ok' });
  });

  it('re-checks permission on submission', async () => {
    const h = createHarness([llama], owners);
    const result = await createPodService(h.deps).terminate('UBOB', 'abc123', 'llama-ft');
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(h.gateway.mutations()).toEqual([]);
  });
});

describe('pod service: ownership', () => {
  it('lets a member claim an unowned pod once', async () => {
    const h = createHarness([llama], {});
    const service = createPodService(h.deps);
    expect(await service.claim('UALICE', 'llama')).toMatchObject({
      ok: true,
      value: { ownerId: 'UALICE', unchanged: false },
    });
    expect(await service.claim('UBOB', 'llama')).toMatchObject({
      ok: false,
      error: { kind: 'already_owned', ownerId: 'UALICE' },
    });
    expect(h.store.owners.get('abc123')).toBe('UALICE');
  });

  it('keeps assign for admins', async () => {
    const h = createHarness([llama], owners);
    const service = createPodService(h.deps);
    expect(await service.assign('UALICE', 'llama', 'UBOB')).toEqual({
      ok: false,
      error: { kind: 'admin_only', action: 'assign' },
    });
    expect(await service.assign('UADMIN', 'llama', 'UBOB')).toMatchObject({
      ok: true,
      value: { ownerId: 'UBOB', previousOwnerId: 'UALICE' },
    });
    expect(h.store.owners.get('abc123')).toBe('UBOB');
  });
});

describe('pod service: queries', () => {
  it('lists running pods first, most expensive first, with owners and unowned pods as such', async () => {
    const cheap = makePod({ id: 'c1', name: 'cheap', costPerHr: 0.2 });
    const h = createHarness([sdxl, cheap, llama], { abc123: 'UALICE' });
    const result = await createPodService(h.deps).list('UALICE', { kind: 'all' });
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.pods.map((p) => [p.pod.name, p.ownerId])).toEqual([
      ['llama-ft', 'UALICE'],
      ['cheap', null],
      ['sdxl', null],
    ]);
    const mine = await createPodService(h.deps).list('UALICE', { kind: 'mine' });
    expect(mine.ok && mine.value.pods.map((p) => p.pod.name)).toEqual(['llama-ft']);
  });

  it('shows the last hour of GPU use and who last acted', async () => {
    const h = createHarness([llama], owners);
    const now = h.clock.now().getTime();
    for (let minute = 59; minute >= 1; minute--) {
      h.store.samples.push({
        podId: 'abc123',
        podName: 'llama-ft',
        at: new Date(now - minute * 60_000),
        status: 'RUNNING',
        ownerId: 'UALICE',
        costPerHr: 2.49,
        gpuCount: 1,
        gpuUtil: [minute > 30 ? 90 : 0],
        gpuMem: [50],
        cpuPercent: 10,
        memoryPercent: 10,
        uptimeSeconds: 1000,
        hasRuntime: true,
        volumeInGb: 100,
        containerDiskInGb: 50,
      });
    }
    const service = createPodService(h.deps);
    await service.stop('UBOB', 'llama', null); // refused: not an action that counts
    h.store.audit.unshift({
      at: new Date(now - 600_000),
      actor: 'UALICE',
      podId: 'abc123',
      podName: 'llama-ft',
      action: 'resume',
      reason: null,
      outcome: 'ok',
      detail: null,
      evidence: null,
    });
    const result = await service.status('UBOB', 'llama');
    if (!result.ok) throw new Error('expected ok');
    const values = result.value.utilization.values;
    expect(values).toHaveLength(30);
    expect(values[0]).toBe(90);
    expect(values.at(-1)).toBe(0);
    expect(result.value.lastAction).toMatchObject({ actor: 'UALICE', action: 'resume' });
  });

  it('finds the history of a terminated pod by its id', async () => {
    const h = createHarness([llama], owners);
    const service = createPodService(h.deps);
    await service.terminate('UALICE', 'llama', 'llama-ft');
    const history = await service.history('abc123');
    expect(history).toMatchObject({ ok: true, value: { gone: true, pod: { name: 'llama-ft' } } });
    expect(history.ok && history.value.entries[0]).toMatchObject({ action: 'terminate', outcome: 'ok' });
  });
});

describe('pod service: deploy', () => {
  const request = {
    name: 'new-pod',
    gpuTypeId: 'NVIDIA H100 80GB HBM3',
    gpuCount: 1,
    imageName: 'runpod/pytorch:2.4',
    containerDiskInGb: 50,
    volumeInGb: 100,
    cloudType: 'SECURE' as const,
    spot: false,
    bidPerGpu: null,
  };

  it('makes the deployer the owner', async () => {
    const h = createHarness([], {});
    const result = await createPodService(h.deps).deploy('UALICE', request);
    expect(result).toMatchObject({ ok: true, value: { ownerId: 'UALICE', pricePerHour: 3.99 } });
    const id = result.ok ? result.value.pod.id : '';
    expect(h.store.owners.get(id)).toBe('UALICE');
    expect(h.store.audit.at(-1)).toMatchObject({ action: 'deploy', outcome: 'ok', podId: id });
  });

  it('keeps members within POD_DEPLOY_MAX_PER_HOUR, not admins', async () => {
    const h = createHarness([], {}, { deployMaxPerHour: 2 });
    const service = createPodService(h.deps);
    expect(await service.deploy('UALICE', request)).toEqual({
      ok: false,
      error: { kind: 'over_deploy_limit', costPerHr: 3.99, limit: 2 },
    });
    expect(h.gateway.mutations()).toEqual([]);
    expect(await service.deploy('UADMIN', request)).toMatchObject({ ok: true });
  });

  it('finds the pod RunPod created although it reported an error', async () => {
    const h = createHarness([], {});
    h.gateway.failNext('deployPod', 'runpod_unavailable', 'HTTP 500', { applied: true });
    const result = await createPodService(h.deps).deploy('UALICE', request);
    expect(result).toMatchObject({
      ok: true,
      value: { pod: { name: 'new-pod' }, recoveredFrom: 'HTTP 500' },
    });
  });

  it('offers deployable GPU types, cheapest first, cached', async () => {
    const h = createHarness([], {});
    const service = createPodService(h.deps);
    expect(service.cachedDeployOptions()).toBeNull();
    const options = await service.deployOptions();
    expect(options.ok && options.value.gpuTypes.map((g) => g.displayName)).toEqual(['A100 80GB', 'H100 SXM']);
    expect(service.cachedDeployOptions()).not.toBeNull();
  });
});
