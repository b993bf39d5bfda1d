import { gpuPrice } from '../../domain/deploy-price.js';
import type { GpuType } from '../../domain/pod.js';
import type { DeployOptions } from '../../services/pod-service.js';
import { CallbackId } from '../action-ids.js';
import type { ModalView } from '../context.js';
import { type Block, context, option, plain, section } from './block-kit.js';
import { usd } from './format.js';

/** block_id = action_id of each input of the deploy modal. */
export const DeployInput = {
  name: 'deploy_name',
  gpuType: 'deploy_gpu_type',
  gpuCount: 'deploy_gpu_count',
  image: 'deploy_image',
  containerDisk: 'deploy_container_disk',
  volume: 'deploy_volume',
  cloud: 'deploy_cloud',
  pricing: 'deploy_pricing',
} as const;

export const DEFAULT_IMAGE = 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04';
const MAX_GPU_OPTIONS = 100;

export type DeployMetadata = { channelId: string };

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

function input(blockId: string, label: string, element: Record<string, unknown>, hint?: string): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element: { ...element, action_id: blockId },
    ...(hint ? { hint: plain(hint, 2000) } : {}),
  };
}

const textInput = (initial?: string, placeholder?: string) => ({
  type: 'plain_text_input',
  ...(initial ? { initial_value: initial } : {}),
  ...(placeholder ? { placeholder: plain(placeholder, 150) } : {}),
});

/** `/pod deploy`: GPU type with price and stock, count, image, disks, cloud, on-demand vs spot, name. */
export function buildDeployModal(options: DeployOptions, channelId: string): ModalView {
  const gpuOptions = options.gpuTypes
    .slice(0, MAX_GPU_OPTIONS)
    .map((gpu) => option(gpuOptionText(gpu), gpu.id));
  const counts = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => option(String(n), String(n)));
  const onDemand = option('On demand', 'on_demand');
  const secure = option('Secure cloud', 'SECURE');
  const metadata: DeployMetadata = { channelId };
  const blocks: Block[] = [
    section('The pod is created in the team’s RunPod account and you become its owner.'),
    input(DeployInput.name, 'Name', textInput(undefined, 'llama-ft-2')),
    input(DeployInput.gpuType, 'GPU type', {
      type: 'static_select',
      placeholder: plain('Pick a GPU', 150),
      options: gpuOptions.length > 0 ? gpuOptions : [option('No GPU types available', 'none')],
    }),
    input(DeployInput.gpuCount, 'GPU count', {
      type: 'static_select',
      options: counts,
      initial_option: counts[0],
    }),
    input(DeployInput.image, 'Container image', textInput(DEFAULT_IMAGE)),
    input(DeployInput.containerDisk, 'Container disk (GB)', textInput('50'), 'Wiped whenever the pod stops.'),
    input(
      DeployInput.volume,
      'Volume at /workspace (GB)',
      textInput('100'),
      'Kept when the pod stops, and billed while it exists.',
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
