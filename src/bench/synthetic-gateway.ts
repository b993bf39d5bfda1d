import { RunpodError } from '../domain/errors.js';
import type { Pod } from '../domain/pod.js';
import type { Clock } from '../lib/clock.js';
import type { PodGateway } from '../services/ports.js';

const HOUR = 3_600_000;
const PRICES = [2.99, 1.64, 0.86, 0.49];

/**
 * `count` pods in-process, their utilization a pure function of the clock: busy in working hours
 * (every third pod around the clock), idle otherwise. For benchmarks that measure podwarden's own
 * work (storage, rollups), not HTTP.
 */
export function syntheticGateway(clock: Clock, count: number): PodGateway {
  const started = clock.now();
  const podAt = (index: number, now: Date): Pod => {
    const gpuCount = [1, 2, 4, 8][index % 4] ?? 1;
    const hour = now.getUTCHours();
    const busy = index % 3 === 0 || (hour >= 8 && hour < 19 && index % 5 !== 4);
    const wobble = (now.getTime() / 60_000 + index * 7) % 13;
    return {
      id: `synth${String(index).padStart(4, '0')}`,
      name: `synthetic-${index}`,
      status: 'RUNNING',
      gpuTypeId: 'SYNTHETIC',
      gpuDisplayName: 'synthetic GPU',
      gpuCount,
      costPerHr: Math.round((PRICES[index % PRICES.length] ?? 1) * gpuCount * 100) / 100,
      vcpuCount: 16,
      memoryInGb: 64,
      containerDiskInGb: 50,
      volumeInGb: 100,
      volumeMountPath: '/workspace',
      networkVolumeId: null,
      imageName: 'runpod/pytorch',
      ports: null,
      isSpot: false,
      locked: false,
      location: null,
      runtime: {
        uptimeSeconds: Math.floor((now.getTime() - started.getTime() + 3 * HOUR) / 1000),
        gpus: Array.from({ length: gpuCount }, () => ({
          utilPercent: busy ? 60 + wobble * 3 : 0,
          memoryPercent: busy ? 70 : 20,
        })),
        cpuPercent: busy ? 30 : 1,
        memoryPercent: 20,
        ports: [],
      },
    };
  };
  const unsupported = async (): Promise<never> => {
    throw new RunpodError('runpod_rejected', 'not available in a benchmark');
  };
  return {
    async listPods() {
      const now = clock.now();
      return Array.from({ length: count }, (_, index) => podAt(index, now));
    },
    async getPod(podId) {
      const now = clock.now();
      const index = Number(podId.replace('synth', ''));
      return Number.isInteger(index) && index < count ? podAt(index, now) : null;
    },
    stopPod: unsupported,
    resumePod: unsupported,
    bidResumePod: unsupported,
    terminatePod: unsupported,
    deployPod: unsupported,
    async listGpuTypes() {
      return [];
    },
    async getAccount() {
      return { clientBalance: 4_210.5, currentSpendPerHr: 38.2 };
    },
    async getBilling() {
      return null;
    },
  };
}
