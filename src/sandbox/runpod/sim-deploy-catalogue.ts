import { LOCATIONS } from './sim-ids.js';

/**
 * What the simulated account deploys from besides GPU types: templates (the account's own, served
 * by `GET /v2/templates`, and RunPod's public ones, `GET /v2/catalog/templates`), CPU types
 * (`GET /v2/catalog/cpus`), the data centers each type is in, and the secrets' names. Shapes are
 * `Template` and `CpuType` of runpod-rest-v2-schemas.json.
 */
export type SimTemplate = {
  id: string;
  name: string;
  /** false: the account's own; true: RunPod's catalogue. */
  public: boolean;
  category: 'CPU' | 'NVIDIA' | 'AMD';
  image: string;
  disk: number;
  /** A persistent volume at /workspace; null for none. */
  volumeInGb: number | null;
  ports: string[];
  env: Record<string, string>;
  serverless?: boolean;
};

export type SimCpuType = {
  id: string;
  name: string;
  group: string;
  vcpuMin: number;
  vcpuMax: number;
  ramGbPerVcpu: number;
  /** USD per vCPU per hour. */
  securePerVcpu: number;
  dataCenterIds: string[];
};

/** RunPod's official templates, as the catalogue lists a few of them. */
export function runpodTemplates(): SimTemplate[] {
  return [
    {
      id: 'runpod-torch-v240',
      name: 'RunPod PyTorch 2.4.0',
      public: true,
      category: 'NVIDIA',
      image: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
      disk: 50,
      volumeInGb: 50,
      ports: ['8888/http', '22/tcp'],
      env: { JUPYTER_PASSWORD: '{{ RUNPOD_SECRET_jupyter_password }}' },
    },
    {
      id: 'runpod-comfyui',
      name: 'ComfyUI',
      public: true,
      category: 'NVIDIA',
      image: 'runpod/comfyui:0.3.10-cuda12.4',
      disk: 30,
      volumeInGb: 40,
      ports: ['8188/http', '22/tcp'],
      env: {},
    },
    {
      id: 'runpod-ubuntu-cpu',
      name: 'Ubuntu 22.04 (CPU)',
      public: true,
      category: 'CPU',
      image: 'runpod/base:0.6.2-ubuntu22.04',
      disk: 20,
      volumeInGb: null,
      ports: ['22/tcp'],
      env: {},
    },
    {
      id: 'runpod-worker-vllm',
      name: 'vLLM serverless worker',
      public: true,
      category: 'NVIDIA',
      image: 'runpod/worker-v1-vllm:v2.4.0',
      disk: 20,
      volumeInGb: null,
      ports: [],
      env: {},
      serverless: true,
    },
  ];
}

export function defaultCpuTypes(): SimCpuType[] {
  return [
    {
      id: 'cpu3c',
      name: 'CPU 3c',
      group: 'Compute-Optimized',
      vcpuMin: 2,
      vcpuMax: 32,
      ramGbPerVcpu: 2,
      securePerVcpu: 0.03,
      dataCenterIds: ['US-TX-3', 'EU-RO-1', 'EU-SE-1'],
    },
    {
      id: 'cpu3g',
      name: 'CPU 3g',
      group: 'General Purpose',
      vcpuMin: 2,
      vcpuMax: 32,
      ramGbPerVcpu: 4,
      securePerVcpu: 0.04,
      dataCenterIds: ['US-TX-3', 'CA-MTL-1'],
    },
  ];
}

/** Where the default GPU types are; a type not named here is in every data center. */
const GPU_DATA_CENTERS: Record<string, string[]> = {
  'NVIDIA H100 80GB HBM3': ['US-TX-3', 'EU-RO-1'],
  'NVIDIA A100 80GB PCIe': ['US-TX-3', 'EU-RO-1', 'CA-MTL-1'],
  'NVIDIA L40S': ['EU-RO-1', 'EU-SE-1'],
  'NVIDIA RTX A6000': ['US-GA-1', 'CA-MTL-1'],
  'NVIDIA GeForce RTX 4090': ['US-GA-1', 'EU-SE-1'],
};

export const gpuDataCenters = (gpuTypeId: string): string[] => GPU_DATA_CENTERS[gpuTypeId] ?? LOCATIONS;

/** `Template` of the REST structure. */
export function restTemplate(template: SimTemplate) {
  return {
    id: template.id,
    name: template.name,
    image: template.image,
    args: '',
    disk: template.disk,
    mounts: template.volumeInGb ? { persistent: { size: template.volumeInGb, path: '/workspace' } } : {},
    ports: template.ports,
    env: template.env,
    registry: null,
    serverless: template.serverless ?? false,
    public: template.public,
    category: template.category,
    startSsh: template.ports.includes('22/tcp'),
    startJupyter: template.ports.includes('8888/http'),
    allowedCudaVersions: [],
  };
}

/** `CpuType` of the REST structure; data centers with `include=AVAILABILITY`. */
export function restCpuType(cpu: SimCpuType, withAvailability: boolean) {
  return {
    id: cpu.id,
    name: cpu.name,
    group: cpu.group,
    vcpu: { min: cpu.vcpuMin, max: cpu.vcpuMax },
    ramGbPerVcpu: cpu.ramGbPerVcpu,
    price: { securePerVcpu: cpu.securePerVcpu, serverlessPerVcpu: cpu.securePerVcpu * 1.5 },
    ...(withAvailability
      ? {
          availability: 'HIGH',
          dataCenters: cpu.dataCenterIds.map((id) => ({ id, name: id, availability: 'HIGH' })),
        }
      : {}),
  };
}
