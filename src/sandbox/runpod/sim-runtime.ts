import type { SimPod, SimRuntime } from './sim-pod.js';
import type { SimUtil } from './util-scripts.js';

/**
 * The GraphQL `runtime` of a running pod from its script's numbers: one entry per GPU (a script
 * with fewer GPUs repeats its last one), the container's CPU and memory, and the ports of its spec.
 */
export function runtimeOf(pod: SimPod, util: SimUtil, elapsedMs: number): SimRuntime {
  return {
    uptimeInSeconds: Math.floor(Math.max(0, elapsedMs) / 1000),
    gpus: Array.from({ length: pod.gpuCount }, (_, index) => {
      const gpu = util.gpus[index] ?? util.gpus.at(-1) ?? { util: 0, mem: 0 };
      return {
        id: `GPU-${pod.machineId.slice(0, 8)}-${index}`,
        gpuUtilPercent: gpu.util,
        memoryUtilPercent: gpu.mem,
      };
    }),
    container: { cpuPercent: util.cpu, memoryPercent: util.mem },
    ports: pod.ports
      .split(',')
      .map((spec) => spec.trim().split('/'))
      .filter(([port]) => port && Number.isInteger(Number(port)))
      .map(([port, type], index) => ({
        // http ports go through RunPod's proxy on a private address; tcp ports get a public one.
        ip: type === 'http' ? '100.65.0.2' : '194.68.245.12',
        isIpPublic: type !== 'http',
        privatePort: Number(port),
        publicPort: type === 'http' ? Number(port) : 22_100 + index,
        type: type ?? 'tcp',
      })),
  };
}
