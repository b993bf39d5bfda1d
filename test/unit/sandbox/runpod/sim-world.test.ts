import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../src/lib/clock.js';
import { createSimWorld } from '../../../../src/sandbox/runpod/sim-world.js';
import { trainingScript } from '../../../../src/sandbox/runpod/util-scripts.js';

const HOUR = 3_600_000;

describe('simulated RunPod world', () => {
  it('charges compute while running and volume storage while stopped, and lowers the balance', () => {
    const clock = createManualClock('2026-11-02T00:00:00Z');
    const world = createSimWorld(clock, { balance: 100 });
    const pod = world.addPod({ name: 'a', costPerHr: 2, containerDiskInGb: 0, volumeInGb: 300 });
    clock.advance(10 * HOUR);
    world.stop(pod.id);
    clock.advance(24 * HOUR);

    const records = world.billing(new Date('2026-11-02T00:00:00Z'), new Date('2026-11-04T00:00:00Z'));
    const compute = 2 * 10;
    const runningStorage = (300 * 0.1 * 10) / (30 * 24);
    const stoppedStorage = (300 * 0.2 * 24) / (30 * 24);
    const total = records.reduce((sum, r) => sum + r.totalAmount, 0);
    expect(total).toBeCloseTo(compute + runningStorage + stoppedStorage, 2);
    expect(records.reduce((sum, r) => sum + r.gpuAmount, 0)).toBeCloseTo(compute, 4);
    expect(world.account().clientBalance).toBeCloseTo(100 - total, 2);
    expect(world.account().currentSpendPerHr).toBe(0);
  });

  it('at $0 stops pods with a network volume and terminates the others', () => {
    const clock = createManualClock('2026-11-02T00:00:00Z');
    const world = createSimWorld(clock, { balance: 10 });
    const kept = world.addPod({ name: 'kept', costPerHr: 1, containerDiskInGb: 0, networkVolumeId: 'vol1' });
    const gone = world.addPod({ name: 'gone', costPerHr: 1, containerDiskInGb: 0 });
    clock.advance(4 * HOUR);
    expect(world.pods().map((p) => p.name)).toEqual(['kept', 'gone']);
    clock.advance(1.5 * HOUR);
    expect(world.pod(kept.id)?.desiredStatus).toBe('EXITED');
    expect(world.pod(gone.id)).toBeNull();
    expect(world.account().clientBalance).toBe(0);
  });

  it('takes GPUs from stock on resume and gives them back on stop; too few is a capacity error', () => {
    const clock = createManualClock('2026-11-02T00:00:00Z');
    const world = createSimWorld(clock);
    world.setCapacity('NVIDIA L40S', 2);
    const a = world.addPod({ name: 'a', gpuTypeId: 'NVIDIA L40S', gpuCount: 2, desiredStatus: 'EXITED' });
    const b = world.addPod({ name: 'b', gpuTypeId: 'NVIDIA L40S', gpuCount: 1, desiredStatus: 'EXITED' });
    expect(world.resume(a.id, { spot: false }).ok).toBe(true);
    expect(world.resume(b.id, { spot: false })).toEqual({
      ok: false,
      error: {
        code: 'capacity',
        message: 'There are not enough free GPUs on the host machine to start this pod.',
      },
    });
    world.stop(a.id);
    expect(world.resume(b.id, { spot: false }).ok).toBe(true);
    expect(world.gpuTypes().find((g) => g.id === 'NVIDIA L40S')?.available).toBe(1);
  });

  it('resumes with zero GPUs at no compute cost, and back with the list price', () => {
    const world = createSimWorld(createManualClock('2026-11-02T00:00:00Z'));
    const pod = world.addPod({ name: 'a', gpuTypeId: 'NVIDIA L40S', gpuCount: 1, desiredStatus: 'EXITED' });
    const zero = world.resume(pod.id, { gpuCount: 0, spot: false });
    expect(zero.ok && [zero.value.gpuCount, zero.value.costPerHr]).toEqual([0, 0]);
    world.stop(pod.id);
    const back = world.resume(pod.id, { gpuCount: 1, spot: false });
    expect(back.ok && back.value.costPerHr).toBe(0.86);
  });

  it('interrupts a spot pod without any API call; runtime is null while booting and when stopped', () => {
    const clock = createManualClock('2026-11-02T00:00:00Z');
    const world = createSimWorld(clock, { bootMs: 30_000 });
    const pod = world.addPod({ name: 'spot', podType: 'INTERRUPTABLE', gpuCount: 1 });
    expect(world.runtime(pod.id)).toBeNull();
    clock.advance(31_000);
    expect(world.runtime(pod.id)?.uptimeInSeconds).toBe(31);
    world.interrupt(pod.id);
    expect(world.pod(pod.id)?.desiredStatus).toBe('EXITED');
    expect(world.runtime(pod.id)).toBeNull();
    expect(world.resume(pod.id, { spot: false }).ok).toBe(false);
    expect(world.resume(pod.id, { spot: true, bidPerGpu: 0.3, gpuCount: 1 }).ok).toBe(true);
  });

  it('follows a script over elapsed running time', () => {
    const clock = createManualClock('2026-11-02T00:00:00Z');
    const world = createSimWorld(clock);
    const pod = world.addPod({ name: 't', gpuCount: 2 });
    world.setScript(
      pod.id,
      trainingScript({ gpuCount: 2, checkpointEveryMs: 600_000, checkpointMs: 60_000 }),
    );
    clock.advance(300_000);
    expect(world.runtime(pod.id)?.gpus.every((g) => g.gpuUtilPercent > 80)).toBe(true);
    clock.advance(270_000);
    expect(world.runtime(pod.id)?.gpus.map((g) => g.gpuUtilPercent)).toEqual([0, 0]);
    world.setUtil(pod.id, { gpus: [{ util: 3, mem: 10 }], cpu: 1, mem: 5 });
    expect(world.runtime(pod.id)?.gpus.map((g) => g.gpuUtilPercent)).toEqual([3, 3]);
  });
});
