import { type AuditEntry, PODWARDEN_ACTOR } from '../../domain/audit.js';
import { escapeMrkdwn, truncate } from '../../lib/escape.js';
import { refusalWords } from './audit-words.js';
import { mention } from './format.js';

const PAST: Record<AuditEntry['action'], string> = {
  stop: 'stopped it',
  resume: 'resumed it',
  terminate: 'terminated it',
  deploy: 'deployed it',
  claim: 'claimed it',
  assign: 'assigned it',
  keep: 'kept it from idle-stopping',
  exempt: 'exempted it from idle stops',
  unexempt: 'made it idle-stoppable again',
  autoresume: 'set its autoresume',
  idle_prompt: 'noticed it idle',
  idle_stop: 'stopped it for idling',
  idle_escalate: 'escalated its idling',
  idle_dry_run: 'would have stopped it (dry run)',
};

const TRIED: Record<AuditEntry['action'], string> = {
  stop: 'stop',
  resume: 'resume',
  terminate: 'terminate',
  deploy: 'deploy',
  claim: 'claim',
  assign: 'assign',
  keep: 'keep',
  exempt: 'exempt',
  unexempt: 'unexempt',
  autoresume: 'set autoresume for',
  idle_prompt: 'prompt about',
  idle_stop: 'idle-stop',
  idle_escalate: 'escalate',
  idle_dry_run: 'dry-run stop',
};

export const actorText = (actor: string): string =>
  actor === PODWARDEN_ACTOR ? 'podwarden' : mention(actor);

/** `@alice stopped it — “done for today”`, or `@bob tried to stop it (refused: not the owner)`. */
export function auditSentence(entry: AuditEntry): string {
  const who = actorText(entry.actor);
  const reason = entry.reason ? ` — “${escapeMrkdwn(truncate(entry.reason, 200))}”` : '';
  if (
    entry.outcome === 'ok' &&
    entry.action === 'autoresume' &&
    (entry.detail === 'on' || entry.detail === 'off')
  )
    return `${who} turned autoresume ${entry.detail}${reason}`;
  if (entry.outcome === 'ok') return `${who} ${PAST[entry.action] ?? escapeMrkdwn(entry.action)}${reason}`;
  if (entry.outcome === 'dry_run') return `${who} ${PAST.idle_dry_run}${reason}`;
  const detail = entry.detail ? `: ${refusalWords(entry.detail)}` : '';
  const word = entry.outcome === 'refused' ? 'refused' : 'failed';
  return `${who} tried to ${TRIED[entry.action] ?? escapeMrkdwn(entry.action)} it (${word}${detail})${reason}`;
}
