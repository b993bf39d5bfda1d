import { describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../../../../src/lib/logger.js';
import { RestPodSchema } from '../../../../src/runpod/rest/rest-schemas.js';
import { parseRestPod, restToDomainPod } from '../../../../src/runpod/rest/rest-to-domain-pod.js';
import {
  cpuPodWithNetworkMount,
  gpuPodWithPersistentMount,
  provisioningPod,
  stoppedPod,
} from '../../../fixtures/rest-v2-pods.js';

describe('REST v2 pod → domain pod', () => {
  it.each([
    ['RUNNING', 'RUNNING'],
    ['STARTING', 'RUNNING'],
    ['PROVISIONING', 'RUNNING'],
    ['EXITED', 'EXITED'],
    ['ERROR', 'DEAD'],
    ['TERMINATED', 'TERMINATED'],
    ['SOMETHING_NEW', 'UNKNOWN'],
  ])('status %s reads as %s', (status, expected) => {
    expect(restToDomainPod(RestPodSchema.parse({ id: 'p', status })).status).toBe(expected);
  });

  it('a GPU pod: gpu block, integer disk, persistent mount, cost and runtime', () => {
    const pod = parseRestPod(gpuPodWithPersistentMount, 'test', silentLogger);
    expect(pod).toMatchObject({
      name: 'llama-train',
      status: 'RUNNING',
      gpuTypeId: 'NVIDIA L40S',
      gpuCount: 2,
      costPerHr: 1.72,
      containerDiskInGb: 50,
      volumeInGb: 200,
      volumeMountPath: '/workspace',
      networkVolumeId: null,
      ports: '8888/http,22/tcp',
      location: 'EU-RO-1',
      isSpot: false,
      runtime: {
        uptimeSeconds: 7200,
        gpus: [
          { utilPercent: 91, memoryPercent: 80 },
          { utilPercent: 87, memoryPercent: 78 },
        ],
        cpuPercent: 40,
        memoryPercent: 55,
      },
    });
    expect(pod?.unreadable).toBeUndefined();
  });

  it('a CPU pod: cpu block, network mount, no GPU, no volume of its own', () => {
    expect(parseRestPod(cpuPodWithNetworkMount, 'test', silentLogger)).toMatchObject({
      gpuTypeId: null,
      gpuCount: 0,
      vcpuCount: 4,
      memoryInGb: 16,
      volumeInGb: null,
      volumeMountPath: '/data',
      networkVolumeId: 'nv-datasets01',
    });
  });

  it('a stopped pod costs 0 and has no runtime; a provisioning one aims for RUNNING without runtime', () => {
    expect(parseRestPod(stoppedPod, 'test', silentLogger)).toMatchObject({
      status: 'EXITED',
      costPerHr: 0,
      runtime: null,
    });
    expect(parseRestPod(provisioningPod, 'test', silentLogger)).toMatchObject({
      status: 'RUNNING',
      runtime: null,
    });
  });

  it('fields RunPod adds later are ignored', () => {
    const pod = parseRestPod({ ...stoppedPod, somethingNew: { x: 1 } }, 'test', silentLogger);
    expect(pod?.unreadable).toBeUndefined();
  });

  it('a pod with a field of the wrong shape is kept by id and name, logged with the field at fault', () => {
    const warnings: unknown[] = [];
    const logger = { ...silentLogger, warn: (fields: unknown) => warnings.push(fields) } as unknown as Logger;
    const pod = parseRestPod({ ...stoppedPod, mounts: { persistent: { size: '50' } } }, 'listPods', logger);
    expect(pod).toMatchObject({
      id: 'stopped000003',
      name: 'sdxl-parked',
      status: 'UNKNOWN',
      costPerHr: 0,
      unreadable: 'mounts.persistent.size',
    });
    expect(warnings).toEqual([
      expect.objectContaining({
        operation: 'listPods',
        pod: 'stopped000003',
        field: 'mounts.persistent.size',
      }),
    ]);
    expect(parseRestPod({ name: 'no id' }, 'listPods', logger)).toBeNull();
    expect(warnings).toHaveLength(2);
  });
});
