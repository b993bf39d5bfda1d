/**
 * The audit log keeps RunPod's raw answer in `detail` ("RunPod: desiredStatus EXITED"); people
 * read it in words ("RunPod confirmed"). Unknown details are left to the log, never shown raw.
 */
import type { AuditEntry } from '../../domain/audit.js';
import { escapeMrkdwn, truncate } from '../../lib/escape.js';
import { slackDate } from '../../lib/slack-date.js';
import { mention } from './format.js';

const ID = /\b[UW][A-Z0-9]{4,}\b/g;
const CHANNEL = /^[CG][A-Z0-9]+$/;

/** A user or channel id as a mention, anything else escaped. */
const target = (id: string): string =>
  CHANNEL.test(id) ? `<#${id}>` : /^[UW][A-Z0-9]+$/.test(id) ? mention(id) : escapeMrkdwn(id);

/** Escaped text in which Slack user ids read as mentions. */
export const withMentions = (text: string): string => escapeMrkdwn(text).replace(ID, (id) => mention(id));

const MODE: Record<string, string> = {
  'ask-only': ' (ask only: podwarden does not stop it)',
  'dry-run': ' (dry run)',
};

type When = { now: Date; timeZone: string };

function promptWords(detail: string, when: When): string | null {
  const match =
    /^asked (?:the owner|the idle channel|the admins) \(([^)]*)\); deadline (\S+) \(([^)]+)\)$/.exec(detail);
  if (!match) return null;
  const asked = (match[1] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0 && !id.startsWith('D'))
    .map(target);
  const deadline = new Date(match[2] ?? '');
  const due = Number.isNaN(deadline.getTime())
    ? ''
    : `, deadline ${slackDate(deadline, when.now, when.timeZone)}`;
  return `asked ${asked.length > 0 ? asked.join(', ') : 'the owner'}${due}${MODE[match[3] ?? ''] ?? ''}`;
}

/** What RunPod (or podwarden) answered, in words; null when the sentence already says it all. */
export function auditWords(entry: AuditEntry, when: When): string | null {
  const detail = entry.detail;
  if (!detail || entry.outcome !== 'ok') return null;
  if (entry.action === 'idle_prompt') return promptWords(detail, when);
  const after = / \(after reporting: .*\)$/.test(detail) ? ' after first reporting an error' : '';
  const status = /^RunPod: desiredStatus \w+(?:, (\d+) GPU\(s\))?/.exec(detail);
  if (status) {
    const gpus = status[1] === undefined ? '' : `, ${status[1]} GPU${status[1] === '1' ? '' : 's'}`;
    return `RunPod confirmed${after}${gpus}`;
  }
  if (/could not be re-read$/.test(detail)) return 'RunPod accepted it; not confirmed yet';
  if (detail === 'RunPod stopped the pod' || /^RunPod: pod terminated/.test(detail))
    return `RunPod confirmed${after}`;
  if (/^RunPod answered .*, yet the pod stopped$/.test(detail))
    return 'RunPod reported an error, yet the pod stopped';
  const created = /^RunPod: pod \S+ created \((\d+)× ([^,]+), (spot|on demand)\)/.exec(detail);
  if (created) return `${created[1]} × ${escapeMrkdwn(created[2] ?? '')}, ${created[3]}`;
  const owner = /^owner set to (\S+)(?: \(was (\S+)\))?/.exec(detail);
  if (owner && entry.action === 'assign') {
    const was = owner[2] && owner[2] !== 'unowned' ? ` (was ${target(owner[2])}'s)` : '';
    return `to ${target(owner[1] ?? '')}${was}`;
  }
  const kept = /^kept until (\S+)( \(cut to IDLE_MAX_KEEP\))?/.exec(detail);
  if (kept) {
    const until = new Date(kept[1] ?? '');
    if (Number.isNaN(until.getTime())) return null;
    return `until ${slackDate(until, when.now, when.timeZone)}${kept[2] ? ', cut to the longest keep allowed' : ''}`;
  }
  const told = /^told (\S+)$/.exec(detail);
  if (told) return `told ${target(told[1] ?? '')}`;
  if (detail.startsWith('no IDLE_CHANNEL')) return "noted in the prompt's thread (no idle channel is set)";
  return null;
}

/** A refusal or failure, in the person's words: "not the owner", never "refused: refused: …". */
export const refusalWords = (detail: string): string =>
  withMentions(truncate(detail.replace(/^refused: /, ''), 200));
