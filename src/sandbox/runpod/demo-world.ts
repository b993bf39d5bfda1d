import type { Clock } from '../../lib/clock.js';
import { createSimWorld, type SimWorld } from './sim-world.js';
import {
  burstyScript,
  busyScript,
  idleScript,
  memoryPressureScript,
  phasedScript,
  trainingScript,
} from './util-scripts.js';

/**
 * The sandbox's RunPod account: nine pods that tell the product's story. A training run whose
 * checkpoints dip to 0 % (must not be stopped), a notebook left idle, an inference server with
 * bursts, a spot pod that gets interrupted, a pod stopped for two weeks still billing its volume, a CPU-only pod,
 * an unowned idle pod, a busy one whose GPU memory fills up, and a spot pod that autoresume brings back; plus a 250 GB network volume. `timeScale` < 1 shrinks every scripted duration (fast mode).
 */
export const demoPodIds = {
  'llama3-70b-ft': 'k7f3q9x2m1p8va',
  'alice-notebook': 'n4b8c2d6e0f1gh',
  'vllm-inference': 'v9l2l4m6i8n0fr',
  'sdxl-spot-sweep': 's5p0t7x1y3z5ab',
  'dataset-prep': 'd3a5t7a9p1r3ep',
  'cpu-etl-worker': 'c2p4u6e8t0l2wk',
  'old-eval-box': 'o1l3d5e7v9a1lb',
  'bob-rl-busy': 'b6o8b0r2l4b6sy',
  'flux-spot-batch': 'f7l9u1x3s5p7ot',
} as const;

export type DemoPodName = keyof typeof demoPodIds;

/** Two serverless endpoints: one keeps two workers running around the clock, one scales to zero. */
export const demoEndpointIds = {
  'sdxl-turbo-api': 'q7sdx2turb0ap1',
  'whisper-transcribe': 'w4h1sp3rtr8nsc',
} as const;

export const demoUsers = { admin: 'U01ADA', alice: 'U02ALICE', bob: 'U03BOB' } as const;

/** Who owns what in the demo; `old-eval-box` is deliberately unowned. */
export const demoOwners: Record<string, string> = {
  'llama3-70b-ft': demoUsers.alice,
  'alice-notebook': demoUsers.alice,
  'vllm-inference': demoUsers.bob,
  'sdxl-spot-sweep': demoUsers.bob,
  'dataset-prep': demoUsers.admin,
  'cpu-etl-worker': demoUsers.admin,
  'bob-rl-busy': demoUsers.bob,
  'flux-spot-batch': demoUsers.admin,
};

/** Pods whose owner turned `/pod autoresume` on: bid-resumed after RunPod interrupts them. */
export const demoAutoresume: readonly DemoPodName[] = ['flux-spot-batch'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function createDemoWorld(clock: Clock, options: { timeScale?: number } = {}): SimWorld {
  const scale = options.timeScale ?? 1;
  const now = clock.now().getTime();
  const ago = (ms: number) => new Date(now - ms);
  const world = createSimWorld(clock, { balance: 1_250, spendLimit: 80, bootMs: 15_000 * scale });

  world.addPod({
    id: demoPodIds['llama3-70b-ft'],
    name: 'llama3-70b-ft',
    gpuTypeId: 'NVIDIA H100 80GB HBM3',
    gpuCount: 4,
    containerDiskInGb: 100,
    volumeInGb: 200,
    imageName: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
    // Done right: Jupyter's password and the Hugging Face token come from RunPod secrets.
    env: ['JUPYTER_PASSWORD={{ RUNPOD_SECRET_jupyter }}', 'HF_TOKEN={{ RUNPOD_SECRET_hf_token }}'],
    startedAt: ago(5 * HOUR),
    script: trainingScript({
      gpuCount: 4,
      checkpointEveryMs: 10 * MINUTE * scale,
      checkpointMs: 2 * MINUTE * scale,
    }),
  });
  world.addPod({
    id: demoPodIds['alice-notebook'],
    name: 'alice-notebook',
    gpuTypeId: 'NVIDIA A100 80GB PCIe',
    gpuCount: 1,
    volumeInGb: 50,
    imageName: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
    ports: '8888/http,22/tcp',
    // The exposure check's example: Jupyter without a password, a token pasted in plain text.
    env: ['HF_TOKEN=hf_demoDemoDemoDemoDemoDemo0000', 'WANDB_PROJECT=llama-ft'],
    startedAt: ago(2 * HOUR),
    // Busy for a while after it started, then left open: the model still sits in GPU memory.
    script: phasedScript(
      busyScript({ gpuCount: 1, level: 60 }),
      45 * MINUTE * scale,
      idleScript({ gpuCount: 1, gpuMem: 35 }),
    ),
  });
  world.addPod({
    id: demoPodIds['vllm-inference'],
    name: 'vllm-inference',
    gpuTypeId: 'NVIDIA L40S',
    gpuCount: 2,
    volumeInGb: 100,
    imageName: 'vllm/vllm-openai:v0.6.3',
    ports: '8000/http,22/tcp',
    startedAt: ago(30 * HOUR),
    script: burstyScript({ gpuCount: 2, periodMs: 15 * MINUTE * scale, burstMs: 4 * MINUTE * scale }),
  });
  world.addPod({
    id: demoPodIds['sdxl-spot-sweep'],
    name: 'sdxl-spot-sweep',
    gpuTypeId: 'NVIDIA GeForce RTX 4090',
    gpuCount: 1,
    cloudType: 'COMMUNITY',
    podType: 'INTERRUPTABLE',
    bidPerGpu: 0.25,
    volumeInGb: 40,
    imageName: 'runpod/stable-diffusion:web-ui-10.2.1',
    startedAt: ago(20 * MINUTE * scale),
    // RunPod reclaims the GPU half an hour (scaled) into the demo.
    interruptAfterMs: 50 * MINUTE * scale,
    script: busyScript({ gpuCount: 1, level: 97 }),
  });
  world.addPod({
    id: demoPodIds['dataset-prep'],
    name: 'dataset-prep',
    desiredStatus: 'EXITED',
    gpuTypeId: 'NVIDIA RTX A6000',
    gpuCount: 1,
    volumeInGb: 500,
    imageName: 'runpod/base:0.6.2-cuda12.4.1',
    // Stopped for over two weeks and forgotten: the stopped-pod nudge's example.
    createdAt: ago(20 * 24 * HOUR),
    stoppedAt: ago(15 * 24 * HOUR),
  });
  world.addPod({
    id: demoPodIds['cpu-etl-worker'],
    name: 'cpu-etl-worker',
    gpuTypeId: null,
    gpuCount: 0,
    vcpuCount: 8,
    memoryInGb: 32,
    costPerHr: 0.24,
    imageName: 'python:3.12-slim',
    ports: '22/tcp',
    startedAt: ago(9 * HOUR),
    script: () => ({ gpus: [], cpu: 65, mem: 40 }),
  });
  world.addPod({
    id: demoPodIds['old-eval-box'],
    name: 'old-eval-box',
    gpuTypeId: 'NVIDIA RTX A6000',
    gpuCount: 2,
    volumeInGb: 80,
    imageName: 'runpod/pytorch:2.1.0-py3.10-cuda11.8.0-devel-ubuntu22.04',
    startedAt: ago(26 * HOUR),
    script: idleScript({ gpuCount: 2, gpuMem: 0 }),
  });
  world.addPod({
    id: demoPodIds['bob-rl-busy'],
    name: 'bob-rl-busy',
    gpuTypeId: 'NVIDIA H100 80GB HBM3',
    gpuCount: 2,
    volumeInGb: 150,
    imageName: 'nvcr.io/nvidia/pytorch:24.08-py3',
    startedAt: ago(3 * HOUR),
    // Five minutes (scaled) into the demo its GPU memory fills up and stays at 96–98 %: the
    // out-of-memory warning's example ten minutes later.
    script: phasedScript(
      busyScript({ gpuCount: 2, level: 90 }),
      3 * HOUR + 5 * MINUTE * scale,
      memoryPressureScript({ gpuCount: 2, level: 90 }),
    ),
  });
  world.addPod({
    id: demoPodIds['flux-spot-batch'],
    name: 'flux-spot-batch',
    gpuTypeId: 'NVIDIA GeForce RTX 4090',
    gpuCount: 1,
    cloudType: 'COMMUNITY',
    podType: 'INTERRUPTABLE',
    bidPerGpu: 0.3,
    volumeInGb: 30,
    imageName: 'runpod/comfyui:flux-1.0.2',
    startedAt: ago(20 * MINUTE * scale),
    // Interrupted half an hour (scaled) into the demo, like sdxl-spot-sweep; its owner has autoresume
    // on (Ada's pod), so podwarden bid-resumes it and reports each attempt in the interruption notice's thread.
    interruptAfterMs: 50 * MINUTE * scale,
    script: busyScript({ gpuCount: 1, level: 92 }),
  });
  // A network volume the team's pods share: billed every day whether or not a pod mounts it.
  world.addNetworkVolume({
    id: 'nv7d2k9s4q1x',
    name: 'shared-datasets',
    size: 250,
    dataCenterId: 'EU-RO-1',
  });
  // The team's own template and secrets, for a deploy from the /pod deploy form.
  world.addTemplate({
    id: 'tpl9llamaft01',
    name: 'team llama fine-tune',
    public: false,
    category: 'NVIDIA',
    image: 'ghcr.io/ml-team/llama-ft:2026.11',
    disk: 80,
    volumeInGb: 200,
    ports: ['8888/http', '6006/http', '22/tcp'],
    env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf_token }}', WANDB_API_KEY: '{{ RUNPOD_SECRET_wandb_api_key }}' },
  });
  world.addSecret('hf_token');
  world.addSecret('wandb_api_key');
  // Serverless: always-on workers bill around the clock like an idle pod.
  world.addEndpoint({
    id: demoEndpointIds['sdxl-turbo-api'],
    name: 'sdxl-turbo-api',
    image: 'ghcr.io/team/sdxl-turbo-worker:1.4',
    gpuPools: ['ADA_24', 'AMPERE_48'],
    gpuCount: 1,
    workersMin: 2,
    workersMax: 6,
    createdAt: ago(40 * 24 * HOUR),
    flexUsdPerDay: 6.5,
  });
  world.addEndpoint({
    id: demoEndpointIds['whisper-transcribe'],
    name: 'whisper-transcribe',
    image: 'ghcr.io/team/whisper-worker:2.0',
    gpuPools: ['AMPERE_48'],
    gpuCount: 1,
    workersMin: 0,
    workersMax: 3,
    createdAt: ago(40 * 24 * HOUR),
    flexUsdPerDay: 3.2,
  });
  return world;
}
