import { describe, expect, it } from 'vitest';
import { nextPodSeen, podChange, podSample } from '../../../src/domain/idle-sampling.js';
import type { Pod } from '../../../src/domain/pod.js';
import type { PodSeen } from '../../../src/domain/samples.js';

const at = new Date('2026-11-02T12:00:00Z');
const later = new Date('2026-11-02T12:01:00Z');

const pod = (overrides: Partial<Pod> = {}): Pod => ({
  id: 'p1',
  name: 'llama-ft',
  status: 'RUNNING',
  gpuTypeId: 'A100',
  gpuDisplayName: 'A100',
  gpuCount: 2,
  costPerHr: 2.49,
  vcpuCount: 16,
  memoryInGb: 100,
  containerDiskInGb: 20,
  volumeInGb: 50,
  volumeMountPath: '/workspace',
  networkVolumeId: null,
  imageName: null,
  ports: null,
  isSpot: false,
  locked: false,
  location: null,
  runtime: {
    uptimeSeconds: 600,
    gpus: [
      { utilPercent: 3, memoryPercent: 40 },
      { utilPercent: null, memoryPercent: 41 },
    ],
    cpuPercent: 5,
    memoryPercent: 12,
    ports: [],
  },
  ...overrides,
});

describe('podSample', () => {
  it('reads utilization of a running pod and leaves unknown GPUs out', () => {
    expect(podSample(pod(), 'U1', at)).toMatchObject({
      status: 'RUNNING',
      ownerId: 'U1',
      gpuCount: 2,
      gpuUtil: [3],
      gpuMem: [40, 41],
      cpuPercent: 5,
      uptimeSeconds: 600,
      hasRuntime: true,
    });
  });

  it('ignores the stale runtime of a stopped pod but keeps its disks for storage billing', () => {
    expect(podSample(pod({ status: 'EXITED' }), null, at)).toMatchObject({
      status: 'EXITED',
      gpuUtil: [],
      hasRuntime: false,
      uptimeSeconds: null,
      volumeInGb: 50,
      containerDiskInGb: 20,
    });
  });
});

describe('nextPodSeen and podChange', () => {
  const seen = (lastStatus: string, runningSince: Date | null): PodSeen => ({
    podId: 'p1',
    podName: 'llama-ft',
    lastStatus,
    lastSeenAt: at,
    runningSince,
  });

  it('keeps runningSince through a running stretch and starts a new one after a stop', () => {
    expect(nextPodSeen(null, pod(), at).runningSince).toEqual(at);
    expect(nextPodSeen(seen('RUNNING', at), pod(), later).runningSince).toEqual(at);
    expect(nextPodSeen(seen('EXITED', null), pod(), later).runningSince).toEqual(later);
    expect(nextPodSeen(seen('RUNNING', at), pod({ status: 'EXITED' }), later)).toMatchObject({
      lastStatus: 'EXITED',
      runningSince: null,
      lastSeenAt: later,
    });
  });

  it('tells starts and stops apart from first sightings', () => {
    expect(podChange(null, pod())).toBe('unchanged');
    expect(podChange(seen('EXITED', null), pod())).toBe('started');
    expect(podChange(seen('RUNNING', at), pod({ status: 'EXITED' }))).toBe('stopped');
    expect(podChange(seen('RUNNING', at), pod({ status: 'TERMINATED' }))).toBe('unchanged');
    expect(podChange(seen('RUNNING', at), pod())).toBe('unchanged');
  });
});
