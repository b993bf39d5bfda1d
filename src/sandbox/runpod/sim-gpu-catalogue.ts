/** A GPU type the simulated RunPod rents out, with its prices and how many GPUs are free now. */
export type SimGpuType = {
  id: string;
  displayName: string;
  manufacturer: string;
  memoryInGb: number;
  /** USD per GPU per hour. */
  securePrice: number;
  communityPrice: number;
  secureSpotPrice: number;
  communitySpotPrice: number;
  maxGpuCount: number;
  /** Free GPUs of this type right now; resume and deploy take from it, stop gives back. */
  available: number;
};

/**
 * Ids are RunPod's (`gpuTypes { id }`), display names and prices are plausible list prices. The
 * `unknown` entry mirrors the live catalogue, which carries one; clients filter it out.
 */
export function defaultGpuTypes(): SimGpuType[] {
  return [
    {
      id: 'NVIDIA H100 80GB HBM3',
      displayName: 'H100 SXM',
      manufacturer: 'Nvidia',
      memoryInGb: 80,
      securePrice: 2.99,
      communityPrice: 2.69,
      secureSpotPrice: 1.75,
      communitySpotPrice: 1.49,
      maxGpuCount: 8,
      available: 12,
    },
    {
      id: 'NVIDIA A100 80GB PCIe',
      displayName: 'A100 PCIe',
      manufacturer: 'Nvidia',
      memoryInGb: 80,
      securePrice: 1.64,
      communityPrice: 1.19,
      secureSpotPrice: 0.82,
      communitySpotPrice: 0.6,
      maxGpuCount: 8,
      available: 6,
    },
    {
      id: 'NVIDIA L40S',
      displayName: 'L40S',
      manufacturer: 'Nvidia',
      memoryInGb: 48,
      securePrice: 0.86,
      communityPrice: 0.79,
      secureSpotPrice: 0.43,
      communitySpotPrice: 0.4,
      maxGpuCount: 8,
      available: 10,
    },
    {
      id: 'NVIDIA RTX A6000',
      displayName: 'RTX A6000',
      manufacturer: 'Nvidia',
      memoryInGb: 48,
      securePrice: 0.49,
      communityPrice: 0.33,
      secureSpotPrice: 0.25,
      communitySpotPrice: 0.17,
      maxGpuCount: 8,
      available: 3,
    },
    {
      id: 'NVIDIA GeForce RTX 4090',
      displayName: 'RTX 4090',
      manufacturer: 'Nvidia',
      memoryInGb: 24,
      securePrice: 0.69,
      communityPrice: 0.34,
      secureSpotPrice: 0.35,
      communitySpotPrice: 0.2,
      maxGpuCount: 8,
      available: 2,
    },
    {
      id: 'unknown',
      displayName: 'unknown',
      manufacturer: 'unknown',
      memoryInGb: 0,
      securePrice: 0,
      communityPrice: 0,
      secureSpotPrice: 0,
      communitySpotPrice: 0,
      maxGpuCount: 0,
      available: 0,
    },
  ];
}

/** RunPod's stock words (`lowestPrice.stockStatus`): High, Medium, Low, None. */
export function stockStatusOf(available: number): 'High' | 'Medium' | 'Low' | 'None' {
  if (available >= 8) return 'High';
  if (available >= 3) return 'Medium';
  if (available >= 1) return 'Low';
  return 'None';
}

/** USD per hour for a pod: list price per GPU (or a bid for spot) times the count; $0.24 for a CPU pod. */
export function podPrice(
  type: SimGpuType | undefined,
  gpuCount: number,
  cloud: 'SECURE' | 'COMMUNITY',
  spot: { bidPerGpu: number | null } | null,
): number {
  if (!type) return 0.24;
  const perGpu = spot
    ? (spot.bidPerGpu ?? (cloud === 'SECURE' ? type.secureSpotPrice : type.communitySpotPrice))
    : cloud === 'SECURE'
      ? type.securePrice
      : type.communityPrice;
  return Math.round(perGpu * gpuCount * 1000) / 1000;
}
