import type { AutoresumeCancel } from '../../domain/autoresume.js';
import { formatDuration } from '../../lib/duration.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import { slackDate } from '../../lib/slack-date.js';
import type { AutoresumeMessages, AutoresumeSetting } from '../../services/autoresume-service.js';
import type { OutgoingMessage } from '../../services/ports.js';
import type { Reply } from '../context.js';
import { fallbackText, section } from './block-kit.js';
import { mention, podLabel, usd } from './format.js';

/** `/pod autoresume <pod> on|off`, announced in the channel. */
export function autoresumeReply(input: { actor: string; setting: AutoresumeSetting }): Reply {
  const { pod, enabled } = input.setting;
  const text = enabled
    ? `:repeat: ${mention(input.actor)} turned autoresume on for ${podLabel(pod)}: when RunPod interrupts this spot pod, podwarden bid-resumes it (backing off while no GPU is free) and reports each attempt in the thread of the interruption notice. \`/pod autoresume ${escapeMrkdwn(pod.name)} off\` stops it.`
    : `${mention(input.actor)} turned autoresume off for ${podLabel(pod)}: after an interruption it stays stopped until someone resumes it.`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

const reply = (text: string): OutgoingMessage => ({ text: fallbackText(text), blocks: [section(text)] });

const CANCEL_WORDS: Record<AutoresumeCancel, string> = {
  turned_off: 'autoresume was turned off for it',
  person_acted: 'someone stopped, resumed or terminated it meanwhile',
  terminated: 'it has been terminated',
  running: 'it is running again',
  not_stopped: 'RunPod no longer reports it stopped',
};

const attemptsText = (n: number): string => `${n} attempt${n === 1 ? '' : 's'}`;

/** The replies in the interruption notice's thread, one per attempt or end. */
export const autoresumeMessages: AutoresumeMessages = {
  resumed: (view) =>
    reply(
      `:white_check_mark: Resumed ${inlineCode(view.podName)} after ${attemptsText(view.attempts)}: bid ${usd(view.bidPerGpu)}/GPU/h for ${view.gpuCount} GPU${view.gpuCount === 1 ? '' : 's'}. It is starting again; RunPod may interrupt it again.`,
    ),
  retrying: (view) => {
    const why = view.noCapacity
      ? 'RunPod has not enough free GPUs on its machine'
      : `RunPod did not take it (${escapeMrkdwn(view.detail)})`;
    return reply(
      `Attempt ${view.attempts} to bid-resume ${inlineCode(view.podName)} at ${usd(view.bidPerGpu)}/GPU/h: ${why}. Next try ${slackDate(view.nextAt, view.now, view.timeZone)}.`,
    );
  },
  gaveUp: (view) =>
    reply(
      `:x: Gave up on ${inlineCode(view.podName)} after ${attemptsText(view.attempts)} over ${formatDuration(view.giveUpAfterMs)}: RunPod had no GPU for it. It stays stopped (its volume is kept and billed). Try yourself with \`/pod resume ${escapeMrkdwn(view.podName)}\`, or terminate it and deploy elsewhere.`,
    ),
  cancelled: (view) =>
    reply(
      `Stopped trying to resume ${inlineCode(view.podName)}: ${view.reason === 'person_acted' && view.by && view.by !== 'podwarden' ? `${mention(view.by)} stopped, resumed or terminated it meanwhile` : CANCEL_WORDS[view.reason]}.`,
    ),
  unavailable: (view) =>
    reply(
      `:warning: Cannot bid-resume ${inlineCode(view.podName)}: spot actions are unavailable, because RunPod offers bid resumes only over its GraphQL API, which is not answering. It stays stopped; nothing else is affected.`,
    ),
  failed: (view) =>
    reply(
      `:x: RunPod refused to bid-resume ${inlineCode(view.podName)} (${escapeMrkdwn(view.detail)}); podwarden stops trying. \`/pod resume ${escapeMrkdwn(view.podName)}\` tries by hand.`,
    ),
};
