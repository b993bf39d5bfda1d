import { CallbackId } from '../action-ids.js';
import type { ModalView } from '../context.js';
import { plain, section } from './block-kit.js';
import { podLabel } from './format.js';

/** block_id = action_id of the person picker. */
export const ASSIGN_INPUT = 'assign_user';

export type AssignMetadata = { podId: string };

/** Admins, from the Home tab: pick who owns an unowned pod. */
export function buildAssignModal(pod: { id: string; name: string }): ModalView {
  const metadata: AssignMetadata = { podId: pod.id };
  return {
    type: 'modal',
    callback_id: CallbackId.assign,
    private_metadata: JSON.stringify(metadata),
    title: plain('Assign pod', 24),
    submit: plain('Assign', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(`Who should own ${podLabel(pod)}? Its idle prompts will go to them.`),
      {
        type: 'input',
        block_id: ASSIGN_INPUT,
        label: plain('Owner', 2000),
        element: { type: 'users_select', action_id: ASSIGN_INPUT, placeholder: plain('Pick a person', 150) },
      },
    ],
  };
}
