import { formatDuration } from '../../lib/duration.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import { formatLocalDay } from '../../lib/time-zone.js';
import type { OutgoingMessage } from '../../services/ports.js';
import type { StoppedAnswerView, StoppedMessages, StoppedNudgeView } from '../../services/stopped-service.js';
import { ActionId } from '../action-ids.js';
import { actions, context, mention, section, usd } from './idle-format.js';

/** The block id of the nudge's buttons. */
export const STOPPED_NUDGE_ACTIONS = 'stopped_nudge_actions';

/**
 * The nudge about a long-stopped pod: how long it has been stopped, what its volume cost meanwhile
 * and costs per month, and Terminate… (the typed-name confirmation), Keep 30 days, Remind me in 7 days.
 */
export function stoppedNudgeMessage(view: StoppedNudgeView): OutgoingMessage {
  const pod = inlineCode(view.podName);
  const stoppedFor = formatDuration(view.now.getTime() - view.since.getTime());
  const howLong = view.sinceExact
    ? `for *${stoppedFor}* (since ${formatLocalDay(view.since, view.timeZone)})`
    : `for at least *${stoppedFor}* (podwarden has not seen it running since it began watching)`;
  const intro =
    view.audience === 'owner'
      ? `:file_cabinet: Your pod ${pod} has been stopped ${howLong}.`
      : `:file_cabinet: Pod ${pod} has *no owner* and has been stopped ${howLong}.`;
  const cost =
    view.volumeInGb > 0
      ? `Its ${view.volumeInGb} GB volume has cost about *${usd(view.soFarUsd)}* meanwhile and costs *${usd(view.perMonthUsd)} a month* while the pod is kept.`
      : 'It has no volume, so it costs nothing while stopped; terminating it only tidies the account.';
  const again = view.again ? 'As you asked, here it is again. ' : '';
  const who =
    view.audience === 'owner'
      ? 'Only the owner or an admin may answer.'
      : 'Any member or an admin may answer.';
  const text = `${again}${escapeMrkdwn(view.podName)} has been stopped for ${view.sinceExact ? '' : 'at least '}${stoppedFor}${view.volumeInGb > 0 ? ` and its volume costs ${usd(view.perMonthUsd)} a month` : ''}: terminate it, keep it, or be reminded.`;
  return {
    text,
    blocks: [
      section(`${intro}\n${cost}`),
      section(
        `${again}Still need it? Terminating deletes the pod and its data for good (you type its name to confirm); podwarden never does it by itself.`,
      ),
      actions(STOPPED_NUDGE_ACTIONS, [
        { text: 'Terminate…', actionId: ActionId.stoppedTerminate, value: view.podId, style: 'danger' },
        { text: 'Keep 30 days', actionId: ActionId.stoppedKeep30d, value: view.podId },
        { text: 'Remind me in 7 days', actionId: ActionId.stoppedRemind7d, value: view.podId },
      ]),
      context(who),
    ],
  };
}

/** The nudge once answered: who decided what, and when podwarden asks again. */
export function stoppedAnsweredMessage(view: StoppedAnswerView): OutgoingMessage {
  const pod = inlineCode(view.podName);
  const day = `${formatLocalDay(view.until, view.timeZone)} (${view.timeZone})`;
  const text =
    view.choice === 'keep_30d'
      ? `${mention(view.actor)} keeps ${pod} stopped for 30 more days; podwarden asks again on ${day} if it is still stopped.`
      : `${mention(view.actor)} will be reminded about ${pod} on ${day} if it is still stopped.`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export const stoppedMessages: StoppedMessages = {
  nudge: stoppedNudgeMessage,
  answered: stoppedAnsweredMessage,
};
