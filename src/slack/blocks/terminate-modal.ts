import { escapeMrkdwn } from '../../lib/escape.js';
import type { TerminateCandidate } from '../../services/pod-service.js';
import { CallbackId } from '../action-ids.js';
import type { ModalView } from '../context.js';
import { context, plain, section } from './block-kit.js';
import { ownerText, perHour, podLabel } from './format.js';

/** block_id and action_id of the confirmation input. */
export const TERMINATE_INPUT = 'confirm_name';

/** Carried in private_metadata; untrusted when it comes back, used only to find the pod again. */
export type TerminateMetadata = { podId: string; podName: string; channelId: string; responseUrl?: string };

/** A modal that only shows text: "Loading…" while RunPod answers, or why nothing can be done. */
export function buildNoticeModal(title: string, text: string, callbackId?: string): ModalView {
  return {
    type: 'modal',
    ...(callbackId ? { callback_id: callbackId } : {}),
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [section(text)],
  };
}

/** The confirmation modal: nothing happens unless the exact pod name is typed. */
export function buildTerminateModal(
  candidate: TerminateCandidate,
  channelId: string,
  responseUrl?: string,
): ModalView {
  const metadata: TerminateMetadata = {
    podId: candidate.pod.id,
    podName: candidate.pod.name,
    channelId,
    ...(responseUrl ? { responseUrl } : {}),
  };
  const volume =
    candidate.volumeInGb !== null && candidate.volumeInGb > 0
      ? ` and its ${candidate.volumeInGb} GB volume`
      : '';
  return {
    type: 'modal',
    callback_id: CallbackId.terminate,
    private_metadata: JSON.stringify(metadata).slice(0, 3000),
    title: plain('Terminate pod', 24),
    submit: plain('Terminate', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(
        `:warning: Terminating ${podLabel(candidate.pod)} deletes it for good: its container disk${volume} (\`/workspace\`) are erased and cannot be brought back. To pause it and keep the data, use \`/pod stop\` instead.`,
      ),
      context([`Owner: ${ownerText(candidate.ownerId)} · ${perHour(candidate.costPerHr)} while running`]),
      {
        type: 'input',
        block_id: TERMINATE_INPUT,
        label: plain('Type the pod name to confirm', 2000),
        hint: plain(`Exactly: ${candidate.pod.name}`, 2000),
        element: {
          type: 'plain_text_input',
          action_id: TERMINATE_INPUT,
          placeholder: plain(candidate.pod.name, 150),
        },
      },
    ],
  };
}

/** What the "Loading…" modal says while RunPod is asked about the pod. */
export const terminateLoadingText = (ref: string): string => `Looking up ${escapeMrkdwn(ref)} in RunPod…`;
