import { describe, expect, it } from 'vitest';
import { RestPodSchema } from '../../../../src/runpod/rest/rest-schemas.js';
import { restToDomainPod } from '../../../../src/runpod/rest/rest-to-domain-pod.js';

describe('REST v2 pod → domain pod', () => {
  it.each([
    ['RUNNING', 'RUNNING'],
    ['STARTING', 'RUNNING'],
    ['PROVISIONING', 'RUNNING'],
    ['EXITED', 'EXITED'],
    ['ERROR', 'DEAD'],
    ['SOMETHING_NEW', 'UNKNOWN'],
  ])('status %s reads as %s', (status, expected) => {
    expect(restToDomainPod(RestPodSchema.parse({ id: 'p', status })).status).toBe(expected);
  });

  it('maps gpu, cost, disks, ports and runtime', () => {
    const pod = restToDomainPod(
      RestPodSchema.parse({
        id: 'p',
        name: 'train',
        status: 'RUNNING',
        gpu: { id: 'NVIDIA L40S', count: 2 },
        cost: 1.72,
        disk: { containerInGb: 20, volumeInGb: 100, volumeMountPath: '/workspace' },
        ports: ['8888/http', '22/tcp'],
        dataCenterId: 'EU-RO-1',
        runtime: {
          uptime: 60,
          gpus: [{ util: 90, memoryUtil: 70 }],
          cpu: { util: 12 },
          memory: { util: 30 },
          ports: [{ private: 22, public: 22_100, type: 'tcp', ip: '194.68.245.12' }],
        },
        somethingAddedLater: true,
      }),
    );
    expect(pod).toMatchObject({
      name: 'train',
      gpuTypeId: 'NVIDIA L40S',
      gpuCount: 2,
      costPerHr: 1.72,
      containerDiskInGb: 20,
      volumeInGb: 100,
      ports: '8888/http,22/tcp',
      location: 'EU-RO-1',
      isSpot: false,
      runtime: {
        uptimeSeconds: 60,
        gpus: [{ utilPercent: 90, memoryPercent: 70 }],
        cpuPercent: 12,
        memoryPercent: 30,
        ports: [{ ip: '194.68.245.12', isIpPublic: null, privatePort: 22, publicPort: 22_100, type: 'tcp' }],
      },
    });
  });
});
