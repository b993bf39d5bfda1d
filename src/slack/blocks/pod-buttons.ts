import type { Pod } from '../../domain/pod.js';
import { truncate } from '../../lib/escape.js';
import { ActionId } from '../action-ids.js';
import { type Block, button } from './block-kit.js';

/** Stop beside a running pod; the value is only a hint — the handler re-checks everything. */
export function stopButton(pod: Pick<Pod, 'id' | 'name'>): Block {
  return button({
    text: 'Stop',
    actionId: ActionId.podStop,
    value: pod.id,
    style: 'danger',
    confirm: {
      title: 'Stop this pod?',
      text: truncate(
        `Stop ${pod.name}? Its container disk is wiped; the volume (/workspace) is kept and still billed, and the same GPU may not be free when you resume.`,
        300,
      ),
      confirm: 'Stop',
      deny: 'Cancel',
      style: 'danger',
    },
  });
}

export function resumeButton(pod: Pick<Pod, 'id'>): Block {
  return button({ text: 'Resume', actionId: ActionId.podResume, value: pod.id, style: 'primary' });
}
