import { describe, expect, it } from 'vitest';
import { PodSchema } from '../../../../src/runpod/graphql/graphql-schemas.js';
import { toDomainGpuType, toDomainPod } from '../../../../src/runpod/graphql/to-domain-pod.js';

describe('GraphQL pod → domain pod', () => {
  it('keeps what RunPod sent and fills the gaps with nulls', () => {
    const pod = toDomainPod(PodSchema.parse({ id: 'p1', desiredStatus: 'EXITED', runtime: null }));
    expect(pod).toEqual({
      id: 'p1',
      name: 'p1',
      status: 'EXITED',
      gpuTypeId: null,
      gpuDisplayName: null,
      gpuCount: 0,
      costPerHr: 0,
      vcpuCount: null,
      memoryInGb: null,
      containerDiskInGb: null,
      volumeInGb: null,
      volumeMountPath: null,
      networkVolumeId: null,
      imageName: null,
      ports: null,
      isSpot: false,
      lowestBidPriceToResume: null,
      locked: false,
      location: null,
      runtime: null,
    });
  });

  it('reads unknown statuses as UNKNOWN and INTERRUPTABLE or BID as spot', () => {
    expect(toDomainPod(PodSchema.parse({ id: 'p', desiredStatus: 'HIBERNATING' })).status).toBe('UNKNOWN');
    expect(toDomainPod(PodSchema.parse({ id: 'p', podType: 'INTERRUPTABLE' })).isSpot).toBe(true);
    expect(toDomainPod(PodSchema.parse({ id: 'p', podType: 'BID' })).isSpot).toBe(true);
    expect(toDomainPod(PodSchema.parse({ id: 'p', podType: 'RESERVED' })).isSpot).toBe(false);
  });

  it('skips null GPUs and ports inside runtime', () => {
    const pod = toDomainPod(
      PodSchema.parse({
        id: 'p',
        desiredStatus: 'RUNNING',
        runtime: {
          uptimeInSeconds: null,
          gpus: [null, { gpuUtilPercent: 40 }],
          container: null,
          ports: [null],
        },
      }),
    );
    expect(pod.runtime).toEqual({
      uptimeSeconds: null,
      gpus: [{ utilPercent: 40, memoryPercent: null }],
      cpuPercent: null,
      memoryPercent: null,
      ports: [],
    });
  });

  it("drops RunPod's placeholder GPU type", () => {
    expect(toDomainGpuType({ id: 'unknown', displayName: 'unknown' })).toBeNull();
    expect(toDomainGpuType({ id: 'NVIDIA L40S', lowestPrice: { stockStatus: 'Low' } })).toMatchObject({
      id: 'NVIDIA L40S',
      displayName: 'NVIDIA L40S',
      stockStatus: 'Low',
    });
  });
});
