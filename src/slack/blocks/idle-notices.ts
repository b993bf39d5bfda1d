import { PODWARDEN_ACTOR } from '../../domain/audit.js';
import { formatDuration } from '../../lib/duration.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import type {
  DryRunView,
  EscalationView,
  OutcomeView,
  ReminderView,
  StopFailedView,
} from '../../services/idle-service.js';
import type { OutgoingMessage } from '../../services/ports.js';
import {
  actions,
  context,
  mention,
  resumeButton,
  STOP_WARNING,
  section,
  usd,
  whenIn,
  whenShort,
} from './idle-format.js';

/** The one reminder, in the prompt's thread. */
export function idleReminderMessage(view: ReminderView): OutgoingMessage {
  const pod = inlineCode(view.podName);
  const deadline = whenIn(view.deadlineAt, view.now, view.timeZone);
  const text =
    view.action === 'dry-run'
      ? `Reminder (dry run): ${pod} is still idle; podwarden would stop it at ${deadline}.`
      : view.action === 'ask-only'
        ? `Reminder: ${pod} is still idle; without an answer by ${deadline} the idle channel is told.`
        : `Reminder: ${pod} is still idle and *stops at ${deadline}* unless you keep it (buttons above).`;
  return { text: plain(text), blocks: [section(text)] };
}

/** The prompt once decided, updated in place: what happened, by whom, and when. */
export function idleOutcomeMessage(view: OutcomeView): OutgoingMessage {
  const pod = inlineCode(view.podName);
  const at = whenShort(view.at, view.now, view.timeZone);
  const idle = view.evidence
    ? ` It had been idle for ${formatDuration(view.evidence.idleMs)} (${usd(view.evidence.idleUsd)} burned idle).`
    : '';
  switch (view.outcome) {
    case 'stopped': {
      const lead =
        view.by === null
          ? `:octagonal_sign: Stopped ${pod} at ${at} — no answer by the deadline.${idle}`
          : `:octagonal_sign: ${mention(view.by)} stopped ${pod} at ${at} (Stop now).${idle}`;
      const saves = view.evidence ? ` Stopping saves ${usd(view.evidence.costPerHr)}/h.` : '';
      const text = `${lead}${saves} Resume?`;
      return {
        text: plain(text),
        blocks: [
          section(text),
          actions('idle_outcome_actions', [resumeButton(view.podId)]),
          context(STOP_WARNING),
        ],
      };
    }
    case 'kept': {
      const until = view.until ? whenIn(view.until, view.now, view.timeZone) : 'later';
      const who = view.by ? mention(view.by) : 'Someone';
      const text = `:hourglass_flowing_sand: ${who} kept ${pod} until ${until} — no idle prompt or stop before then.`;
      return { text: plain(text), blocks: [section(text)] };
    }
    case 'exempt': {
      const text =
        view.by && view.by !== PODWARDEN_ACTOR
          ? `:shield: ${mention(view.by)} exempted ${pod} from idle-stop — no action.`
          : `:shield: ${pod} is exempt from idle-stop — no action.`;
      return { text: plain(text), blocks: [section(text)] };
    }
    case 'busy': {
      const text = `:white_check_mark: ${pod} is back to work (${at}) — no action.`;
      return { text: plain(text), blocks: [section(text)] };
    }
    case 'gone': {
      const stop = view.stoppedBy;
      if (stop) {
        const who = stop.isAsked ? 'You' : mention(stop.actor);
        const how = stop.action === 'stop' ? 'stopped it' : 'terminated it';
        const when = whenShort(stop.at, view.now, view.timeZone);
        const text = `:octagonal_sign: ${who} ${how} at ${when} with \`/pod ${stop.action}\` — ${pod} needs no answer any more.${idle}`;
        const saves =
          view.evidence && stop.action === 'stop' ? ` Stopping saves ${usd(view.evidence.costPerHr)}/h.` : '';
        return { text: plain(`${text}${saves}`), blocks: [section(`${text}${saves}`)] };
      }
      const text = `${pod} stopped or went away outside podwarden (${at}) — nothing to do.`;
      return { text: plain(text), blocks: [section(text)] };
    }
    case 'escalated': {
      const text = view.escalatedTo
        ? `No answer by ${at}: podwarden told <#${view.escalatedTo}> and left ${pod} running (ask-only). The buttons above still work.`
        : `No answer by ${at}: ${pod} keeps running (ask-only: podwarden does not stop it). The buttons above still work.`;
      return { text: plain(text), blocks: [section(text)] };
    }
  }
}

/** In the thread, once: the stop at the deadline failed and is retried at the next poll. */
export function idleStopFailedMessage(view: StopFailedView): OutgoingMessage {
  const text =
    `:warning: Could not stop ${inlineCode(view.podName)} at the deadline: RunPod answered ` +
    `“${escapeMrkdwn(view.detail)}”. podwarden tries again at every poll; you can still keep it or stop it yourself.`;
  return { text: plain(text), blocks: [section(text)] };
}

/** In the thread under dry-run: what podwarden would have done now. */
export function idleDryRunMessage(view: DryRunView): OutgoingMessage {
  const idle = view.evidence
    ? ` (idle for ${formatDuration(view.evidence.idleMs)}, ${usd(view.evidence.idleUsd)} burned idle)`
    : '';
  const text =
    `*Dry run:* podwarden would have stopped ${inlineCode(view.podName)} now${idle}. ` +
    'Nothing was stopped; Stop now still works.';
  return { text: plain(text), blocks: [section(text)] };
}

/** To IDLE_CHANNEL under ask-only: nobody answered the prompt. */
export function idleEscalationMessage(view: EscalationView): OutgoingMessage {
  const owner = view.ownerId ? `of ${mention(view.ownerId)} ` : '(no owner) ';
  const idle = view.evidence
    ? `has been idle for ${formatDuration(view.evidence.idleMs)} (${usd(view.evidence.idleUsd)} burned idle, ${usd(view.evidence.costPerHr)}/h)`
    : 'is idle';
  const text =
    `:rotating_light: Pod ${inlineCode(view.podName)} ${owner}${idle} and nobody answered its prompt ` +
    `from ${whenShort(view.openedAt, view.now, view.timeZone)}. It keeps running; its owner or an admin can ` +
    `stop it with \`/pod stop ${escapeMrkdwn(view.podId)}\`.`;
  return { text: plain(text), blocks: [section(text)] };
}

/** Notification text: the same words without mrkdwn emphasis. */
function plain(text: string): string {
  return text.replace(/\*/g, '');
}
