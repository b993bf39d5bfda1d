import { describe, expect, it } from 'vitest';
import { deployPricePerHour, gpuPrice } from '../../../src/domain/deploy-price.js';
import type { DeployRequest, GpuType } from '../../../src/domain/pod.js';

const h100: GpuType = {
  id: 'NVIDIA H100 80GB HBM3',
  displayName: 'H100 SXM',
  memoryInGb: 80,
  securePrice: 1.9,
  communityPrice: 1.2,
  secureSpotPrice: 1.1,
  communitySpotPrice: null,
  maxGpuCount: 8,
  stockStatus: 'High',
};

const request = (overrides: Partial<DeployRequest>): DeployRequest => ({
  name: 'exp',
  gpuTypeId: h100.id,
  gpuCount: 2,
  imageName: 'runpod/pytorch',
  containerDiskInGb: 20,
  volumeInGb: 50,
  cloudType: 'ALL',
  spot: false,
  bidPerGpu: null,
  ...overrides,
});

describe('deploy prices', () => {
  it('shows the lowest price of either cloud, but limits on what the pod may cost', () => {
    expect(gpuPrice(h100, 'ALL', false)).toBe(1.2);
    // RunPod may place an ALL pod in the secure cloud: a member's limit is checked at $1.90/GPU.
    expect(deployPricePerHour(request({}), h100)).toBeCloseTo(3.8, 10);
    expect(deployPricePerHour(request({ cloudType: 'COMMUNITY' }), h100)).toBeCloseTo(2.4, 10);
  });

  it('uses the bid for spot pods and knows when no price is listed', () => {
    expect(deployPricePerHour(request({ spot: true, bidPerGpu: 0.8 }), h100)).toBeCloseTo(1.6, 10);
    expect(gpuPrice(h100, 'COMMUNITY', true)).toBeNull();
    expect(deployPricePerHour(request({}), undefined)).toBeNull();
  });
});
