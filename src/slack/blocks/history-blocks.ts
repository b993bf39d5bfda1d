import type { AuditEntry } from '../../domain/audit.js';
import { escapeMrkdwn } from '../../lib/escape.js';
import { slackDate } from '../../lib/slack-date.js';
import type { PodHistoryView } from '../../services/pod-service.js';
import type { Reply } from '../context.js';
import { auditSentence } from './audit-text.js';
import { auditWords } from './audit-words.js';
import { type Block, context, fallbackText, LIMITS, section } from './block-kit.js';
import { podLabel } from './format.js';

const MARK: Record<AuditEntry['outcome'], string> = {
  ok: ':white_check_mark:',
  refused: ':no_entry_sign:',
  failed: ':warning:',
  dry_run: ':test_tube:',
};

function line(entry: AuditEntry, now: Date, timeZone: string): string {
  const words = auditWords(entry, { now, timeZone });
  const when = slackDate(entry.at, now, timeZone);
  return `${MARK[entry.outcome]} ${when} · ${auditSentence(entry)}${words ? ` — ${words}` : ''}`;
}

/** Splits lines into sections that each stay under Slack's 3000-character limit. */
function chunk(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let current = '';
  for (const text of lines) {
    const piece = text.slice(0, LIMITS.sectionText - 10);
    if (current.length + piece.length + 1 > LIMITS.sectionText - 10) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${piece}` : piece;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

/**
 * `/pod history`: newest first, in words ("stopped it — RunPod confirmed"); times are date tokens
 * each reader sees in their own zone (`timeZone` only writes the fallback). RunPod's raw answers
 * stay in the audit log.
 */
export function buildHistory(view: PodHistoryView, timeZone: string, now: Date): Reply {
  const title = `*History of ${podLabel(view.pod)}*${view.gone ? ' (the pod no longer exists)' : ''}`;
  if (view.entries.length === 0) {
    return {
      text: fallbackText(`No history for ${escapeMrkdwn(view.pod.name)} yet.`),
      blocks: [section(`${title}\nNothing has been done to it through podwarden yet.`)],
    };
  }
  const blocks = [
    section(title),
    ...chunk(view.entries.map((entry) => line(entry, now, timeZone))),
    context([
      `Newest first, the last ${view.entries.length} ${view.entries.length === 1 ? 'entry' : 'entries'}, times in your own time zone.`,
    ]),
  ];
  return {
    text: fallbackText(`History of ${escapeMrkdwn(view.pod.name)}: ${view.entries.length} entries`),
    blocks,
  };
}
