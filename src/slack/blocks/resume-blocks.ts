import { escapeMrkdwn, truncate } from '../../lib/escape.js';
import type { ResumeOutcome } from '../../services/pod-service.js';
import type { Reply } from '../context.js';
import { actions, type Block, context, fallbackText, section } from './block-kit.js';
import { gpuText, mention, perHour, podLabel, statusText, usd } from './format.js';
import { stopButton } from './pod-buttons.js';

/** Why a pod may come back with no GPU, and what to do about it. */
export const ZERO_GPU_EXPLANATION =
  'It runs with *zero GPUs*: the machine this pod lives on had no free GPU (or you asked for 0). You can reach your files in `/workspace`, but nothing that needs a GPU will run. Stop it and resume later to get GPUs back, or copy your data to a new pod.';

/** The reply after a resume, with the zero-GPU case spelled out. */
export function buildResumeReply(outcome: ResumeOutcome, actor: string): Reply {
  const { pod } = outcome;
  // The GPUs RunPod gave (the pod as re-read), or the ones asked for when it could not be re-read.
  const given = outcome.confirmed ? pod.gpuCount : outcome.gpuCount;
  const gpus = outcome.zeroGpu ? 'with 0 GPUs' : `with ${gpuText({ ...pod, gpuCount: given })}`;
  const bid = outcome.bidPerGpu !== null ? ` (spot, bidding ${usd(outcome.bidPerGpu)} per GPU per hour)` : '';
  const headline = `${mention(actor)} resumed ${podLabel(pod)} ${gpus}${bid}`;
  const state = !outcome.confirmed
    ? 'RunPod accepted the resume; podwarden could not read the pod back yet.'
    : `RunPod reports it as ${statusText(pod.status)} at ${perHour(pod.costPerHr)}. It takes a minute or two before the container is up.`;
  const blocks: Block[] = [section(`${headline}\n${state}`)];
  if (outcome.zeroGpu) blocks.push(section(ZERO_GPU_EXPLANATION));
  if (outcome.recoveredFrom) {
    blocks.push(
      context([
        `RunPod answered with an error (“${escapeMrkdwn(truncate(outcome.recoveredFrom, 200))}”), but the pod did start.`,
      ]),
    );
  }
  if (pod.status === 'RUNNING') blocks.push(actions([stopButton(pod)]));
  return { text: fallbackText(headline), blocks };
}
