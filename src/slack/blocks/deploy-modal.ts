import type { CpuType, DeployTemplate } from '../../domain/deploy-catalogue.js';
import { secretReference } from '../../domain/deploy-env.js';
import {
  DEFAULT_CONTAINER_DISK_GB,
  DEFAULT_IMAGE,
  DEFAULT_VOLUME_GB,
  type DeployField,
} from '../../domain/deploy-plan.js';
import { gpuPrice } from '../../domain/deploy-price.js';
import type { GpuType, NetworkVolume } from '../../domain/pod.js';
import type { DeployOptions } from '../../services/pod-service.js';
import { CallbackId } from '../action-ids.js';
import type { ModalView } from '../context.js';
import { type Block, context, option, plain, section } from './block-kit.js';
import { usd } from './format.js';

export { DEFAULT_IMAGE } from '../../domain/deploy-plan.js';

/** block_id = action_id of each input of the deploy modal. */
export const DeployInput = {
  name: 'deploy_name',
  gpuType: 'deploy_gpu_type',
  gpuCount: 'deploy_gpu_count',
  vcpus: 'deploy_vcpus',
  template: 'deploy_template',
  image: 'deploy_image',
  containerDisk: 'deploy_container_disk',
  volume: 'deploy_volume',
  networkVolume: 'deploy_network_volume',
  ports: 'deploy_ports',
  env: 'deploy_env',
  cloud: 'deploy_cloud',
  pricing: 'deploy_pricing',
} as const;

/** Which input shows the message about each field of the plan. */
export const DEPLOY_FIELD_INPUT: Record<DeployField, string> = {
  name: DeployInput.name,
  machine: DeployInput.gpuType,
  gpuCount: DeployInput.gpuCount,
  vcpuCount: DeployInput.vcpus,
  template: DeployInput.template,
  image: DeployInput.image,
  containerDisk: DeployInput.containerDisk,
  volume: DeployInput.volume,
  networkVolume: DeployInput.networkVolume,
  ports: DeployInput.ports,
  env: DeployInput.env,
  cloud: DeployInput.cloud,
  pricing: DeployInput.pricing,
};

/** The value of a CPU type in the GPU select: `cpu:<id>` (GPU ids never start with it). */
export const CPU_VALUE_PREFIX = 'cpu:';

const MAX_GPU_OPTIONS = 90;
const MAX_CPU_OPTIONS = 10;
const MAX_TEMPLATE_OPTIONS = 50;
const MAX_VOLUME_OPTIONS = 100;
const MAX_SECRET_NAMES = 20;

export type DeployMetadata = { channelId: string; responseUrl?: string };

/** `A100 80GB · $1.89/h · spot $1.10 · stock High` (≤ 75 characters). */
export function gpuOptionText(gpu: GpuType): string {
  const onDemand = gpuPrice(gpu, 'ALL', false);
  const spot = gpuPrice(gpu, 'ALL', true);
  const parts = [
    gpu.displayName,
    onDemand !== null ? `${usd(onDemand)}/h` : 'price n/a',
    ...(spot !== null ? [`spot ${usd(spot)}`] : []),
    `stock ${gpu.stockStatus ?? 'unknown'}`,
  ];
  return parts.join(' · ');
}

/** `CPU 3c (Compute-Optimized) · $0.04/vCPU·h · 2–32 vCPUs`. */
export function cpuOptionText(cpu: CpuType): string {
  const price = cpu.pricePerVcpu !== null ? `${usd(cpu.pricePerVcpu)}/vCPU·h` : 'price n/a';
  return [cpu.displayName, price, `${Math.max(2, cpu.vcpuMin)}–${cpu.vcpuMax} vCPUs`].join(' · ');
}

/** `shared-datasets · 250 GB · EU-RO-1`. */
export const volumeOptionText = (volume: NetworkVolume): string =>
  [volume.name, `${volume.sizeGb} GB`, volume.dataCenterId ?? 'data center unknown'].join(' · ');

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  extra: { hint?: string; optional?: boolean } = {},
): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element: { ...element, action_id: blockId },
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: plain(extra.hint, 2000) } : {}),
  };
}

const textInput = (placeholder?: string, multiline = false) => ({
  type: 'plain_text_input',
  ...(multiline ? { multiline: true } : {}),
  ...(placeholder ? { placeholder: plain(placeholder, 150) } : {}),
});

const group = (label: string, options: ReturnType<typeof option>[]) => ({ label: plain(label, 75), options });

function machineSelect(options: DeployOptions): Record<string, unknown> {
  const gpus = options.gpuTypes.slice(0, MAX_GPU_OPTIONS).map((gpu) => option(gpuOptionText(gpu), gpu.id));
  const cpus = options.cpuTypes
    .slice(0, MAX_CPU_OPTIONS)
    .map((cpu) => option(cpuOptionText(cpu), `${CPU_VALUE_PREFIX}${cpu.id}`));
  const placeholder = plain(cpus.length > 0 ? 'Pick a GPU or CPU type' : 'Pick a GPU', 150);
  if (cpus.length === 0) {
    return {
      type: 'static_select',
      placeholder,
      options: gpus.length > 0 ? gpus : [option('No GPU types available', 'none')],
    };
  }
  return {
    type: 'static_select',
    placeholder,
    option_groups: [...(gpus.length > 0 ? [group('GPUs', gpus)] : []), group('CPU only', cpus)],
  };
}

function templateSelect(templates: readonly DeployTemplate[]): Record<string, unknown> {
  const of = (source: DeployTemplate['source']) =>
    templates
      .filter((t) => t.source === source)
      .slice(0, MAX_TEMPLATE_OPTIONS)
      .map((t) => option(`${t.name}${t.category === 'CPU' ? ' (CPU)' : ''}`, t.id));
  const own = of('own');
  const runpod = of('runpod');
  return {
    type: 'static_select',
    placeholder: plain('None: the fields below', 150),
    option_groups: [
      ...(own.length > 0 ? [group('Your templates', own)] : []),
      ...(runpod.length > 0 ? [group('RunPod templates', runpod)] : []),
    ],
  };
}

function envHint(secretNames: readonly string[] | null): string {
  const base = `KEY=value, one a line. Reference a RunPod secret as ${secretReference('name')}: a value typed here is readable in the pod's settings.`;
  if (!secretNames || secretNames.length === 0) return base;
  const shown = secretNames.slice(0, MAX_SECRET_NAMES).join(', ');
  return `${base} Your secrets: ${shown}${secretNames.length > MAX_SECRET_NAMES ? ', …' : ''}.`;
}

/**
 * `/pod deploy`: name and GPU (or CPU) type are all a deploy needs; a template fills the image,
 * disks, ports and environment left empty; a network volume pins the data center.
 */
export function buildDeployModal(options: DeployOptions, channelId: string, responseUrl?: string): ModalView {
  const counts = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => option(String(n), String(n)));
  const onDemand = option('On demand', 'on_demand');
  const secure = option('Secure cloud', 'SECURE');
  const metadata: DeployMetadata = { channelId, ...(responseUrl ? { responseUrl } : {}) };
  const hasTemplates = options.templates.length > 0;
  const fromTemplate = hasTemplates ? "the template's, or " : '';
  const blocks: Block[] = [
    section('The pod is created in the team’s RunPod account and you become its owner.'),
    input(DeployInput.name, 'Name', textInput('llama-ft-2')),
    input(
      DeployInput.gpuType,
      options.cpuTypes.length > 0 ? 'GPU or CPU type' : 'GPU type',
      machineSelect(options),
    ),
    input(
      DeployInput.gpuCount,
      'GPU count',
      { type: 'static_select', options: counts, initial_option: counts[0] },
      options.cpuTypes.length > 0 ? { hint: 'Not used by CPU pods.' } : {},
    ),
    ...(options.cpuTypes.length > 0
      ? [
          input(DeployInput.vcpus, 'vCPUs (CPU pods)', textInput('4'), {
            optional: true,
            hint: 'Only with a CPU type. Empty: its smallest size.',
          }),
        ]
      : []),
    ...(hasTemplates
      ? [
          input(DeployInput.template, 'Template', templateSelect(options.templates), {
            optional: true,
            hint: 'Fills in the image, disks, ports and environment you leave empty.',
          }),
        ]
      : []),
    input(DeployInput.image, 'Container image', textInput(DEFAULT_IMAGE), {
      optional: true,
      hint: `Empty: ${fromTemplate}${DEFAULT_IMAGE}.`,
    }),
    input(DeployInput.containerDisk, 'Container disk (GB)', textInput(String(DEFAULT_CONTAINER_DISK_GB)), {
      optional: true,
      hint: `Wiped whenever the pod stops. Empty: ${fromTemplate}${DEFAULT_CONTAINER_DISK_GB} GB.`,
    }),
    input(DeployInput.volume, 'Volume at /workspace (GB)', textInput(String(DEFAULT_VOLUME_GB)), {
      optional: true,
      hint: `Kept when the pod stops, and billed while it exists; 0 for none. Empty: ${fromTemplate}${DEFAULT_VOLUME_GB} GB, or none with a network volume.`,
    }),
    ...(options.networkVolumes.length > 0
      ? [
          input(
            DeployInput.networkVolume,
            'Network volume at /workspace',
            {
              type: 'static_select',
              placeholder: plain('None', 150),
              options: options.networkVolumes
                .slice(0, MAX_VOLUME_OPTIONS)
                .map((v) => option(volumeOptionText(v), v.id)),
            },
            {
              optional: true,
              hint: "Instead of a pod volume. The pod then runs in the volume's data center, in Secure cloud.",
            },
          ),
        ]
      : []),
    input(DeployInput.ports, 'Exposed ports', textInput('8888/http, 22/tcp'), {
      optional: true,
      hint: 'port/http (through RunPod’s proxy) or port/tcp, separated by commas.',
    }),
    input(
      DeployInput.env,
      'Environment variables',
      textInput(`HF_TOKEN=${secretReference('hf_token')}`, true),
      {
        optional: true,
        hint: envHint(options.secretNames),
      },
    ),
    input(DeployInput.cloud, 'Cloud', {
      type: 'static_select',
      options: [secure, option('Community cloud', 'COMMUNITY'), option('Any', 'ALL')],
      initial_option: secure,
    }),
    input(DeployInput.pricing, 'Pricing', {
      type: 'radio_buttons',
      options: [onDemand, option('Spot (cheaper, can be interrupted)', 'spot')],
      initial_option: onDemand,
    }),
  ];
  if (options.maxPerHourForMembers !== null) {
    blocks.push(context([`Members may deploy pods costing up to ${usd(options.maxPerHourForMembers)}/h.`]));
  }
  return {
    type: 'modal',
    callback_id: CallbackId.deploy,
    private_metadata: JSON.stringify(metadata),
    title: plain('Deploy a pod', 24),
    submit: plain('Deploy', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}
