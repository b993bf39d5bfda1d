import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import type { UnexpectedStopView } from '../../services/idle-service.js';
import type { OutgoingMessage } from '../../services/ports.js';
import { actions, context, resumeButton, STOP_WARNING, section, usd, whenIn } from './idle-format.js';

/**
 * To the owner (or the idle channel for unowned pods): the pod stopped although nobody asked
 * podwarden to stop it — a spot interruption or the balance at $0 can do that. Carries Resume.
 */
export function unexpectedStopMessage(view: UnexpectedStopView): OutgoingMessage {
  const pod = inlineCode(view.podName);
  const whose = view.ownerId ? `Your pod ${pod}` : `Pod ${pod} (no owner)`;
  const text =
    `:warning: ${whose} stopped without anyone asking podwarden: RunPod reports it ` +
    `${escapeMrkdwn(view.status)} (last seen running ${whenIn(view.lastSeenRunningAt, view.noticedAt, view.timeZone)}). ` +
    `A spot interruption or the account balance reaching $0 can do this. It cost ${usd(view.costPerHr)}/h while running.`;
  const comeback = view.autoresume
    ? [
        context(
          ':repeat: Autoresume is on: podwarden bid-resumes it, backing off while RunPod has no free GPU; each attempt is a reply in this thread.',
        ),
      ]
    : [];
  return {
    text: `${view.ownerId ? 'Your pod' : 'Pod'} ${escapeMrkdwn(view.podName)} stopped without anyone asking — resume it?`,
    blocks: [
      section(text),
      ...comeback,
      actions('unexpected_stop_actions', [resumeButton(view.podId)]),
      context(STOP_WARNING),
    ],
  };
}
