import type { AuditEntry } from '../../domain/audit.js';
import { slackDate } from '../../lib/slack-date.js';
import type { Reply } from '../context.js';
import { actorText } from './audit-text.js';
import { fallbackText } from './block-kit.js';
import { podLabel } from './format.js';

/** A button pressed on a pod that has since been terminated: by whom and when, not "no pod matches". */
export function buildTerminatedNotice(
  pod: { id: string; name: string },
  terminated: AuditEntry,
  now: Date,
  timeZone: string,
): Reply {
  return {
    text: fallbackText(
      `${podLabel(pod)} was terminated by ${actorText(terminated.actor)} ${slackDate(terminated.at, now, timeZone)}; it no longer exists. \`/pod list\` shows the pods there are.`,
    ),
  };
}
