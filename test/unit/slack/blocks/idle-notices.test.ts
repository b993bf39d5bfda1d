import { describe, expect, it } from 'vitest';
import type { IdleEvidence } from '../../../../src/domain/idle-evidence.js';
import { checkMessage } from '../../../../src/sandbox/slack/check-block-kit.js';
import { buttonLabel, listButtons } from '../../../../src/sandbox/slack/find-button.js';
import type { IdleListing, OutcomeView } from '../../../../src/services/idle-service.js';
import { ActionId } from '../../../../src/slack/action-ids.js';
import { idleListReply } from '../../../../src/slack/blocks/idle-list.js';
import {
  idleDryRunMessage,
  idleEscalationMessage,
  idleOutcomeMessage,
  idleReminderMessage,
  idleStopFailedMessage,
} from '../../../../src/slack/blocks/idle-notices.js';
import { exemptReply, keepReply } from '../../../../src/slack/blocks/idle-replies.js';
import { unexpectedStopMessage } from '../../../../src/slack/blocks/unexpected-stop.js';
import { dateToken } from '../../../support/date-token.js';

const MIN = 60_000;
const now = new Date('2026-11-02T13:30:00Z');
const evidence: IdleEvidence = {
  rule: { gpuUtilMax: 5, windowMs: 30 * MIN, warmupMs: 10 * MIN },
  gpuUtil: [0, 0],
  gpuMemPercent: 10,
  cpuPercent: 1,
  memoryPercent: 5,
  uptimeMs: 3 * 60 * MIN,
  gpuCount: 1,
  costPerHr: 2.49,
  idleSince: '2026-11-02T12:30:00Z',
  idleMs: 60 * MIN,
  idleUsd: 2.49,
  samples: 31,
  windowFrom: '2026-11-02T13:00:00Z',
  windowTo: '2026-11-02T13:30:00Z',
};
const outcome = (overrides: Partial<OutcomeView>): OutcomeView => ({
  outcome: 'stopped',
  podId: 'abc123',
  podName: 'llama-ft',
  by: null,
  at: now,
  until: null,
  escalatedTo: null,
  evidence,
  timeZone: 'Europe/Berlin',
  now,
  ...overrides,
});
const buttons = (blocks: unknown) => listButtons((blocks ?? []) as Record<string, unknown>[]);

describe('idle outcome messages', () => {
  it('a stop at the deadline: when, no answer, the idle cost, and a Resume button', () => {
    const message = idleOutcomeMessage(outcome({}));
    expect(message.text).toContain(
      `Stopped \`llama-ft\` at ${dateToken(now, '14:30 Europe/Berlin', 'time')} — no answer by the deadline`,
    );
    expect(message.text).toContain('$2.49 burned idle');
    expect(message.text).toContain('Resume?');
    const resume = buttons(message.blocks);
    expect(resume.map((b) => [buttonLabel(b.element), b.element.action_id, b.element.value])).toEqual([
      ['Resume', ActionId.podResume, 'abc123'],
    ]);
    expect(JSON.stringify(message.blocks)).toContain('container disk');
  });

  it('a Stop now names who pressed it', () => {
    expect(idleOutcomeMessage(outcome({ by: 'U02ALICE' })).text).toContain(
      `<@U02ALICE> stopped \`llama-ft\` at ${dateToken(now, '14:30 Europe/Berlin', 'time')}`,
    );
  });

  it('kept, busy again, gone, exempt and escalated read plainly and carry no buttons', () => {
    const kept = idleOutcomeMessage(
      outcome({ outcome: 'kept', by: 'U02ALICE', until: new Date('2026-11-03T08:00:00Z') }),
    );
    expect(kept.text).toContain(
      `<@U02ALICE> kept \`llama-ft\` until ${dateToken('2026-11-03T08:00:00Z', 'Tue 09:00 Europe/Berlin')}`,
    );
    expect(idleOutcomeMessage(outcome({ outcome: 'busy' })).text).toContain(
      `back to work (${dateToken(now, '14:30 Europe/Berlin', 'time')}) — no action`,
    );
    expect(idleOutcomeMessage(outcome({ outcome: 'gone' })).text).toContain('outside podwarden');
    expect(idleOutcomeMessage(outcome({ outcome: 'exempt', by: 'U01ADA' })).text).toContain(
      '<@U01ADA> exempted',
    );
    expect(idleOutcomeMessage(outcome({ outcome: 'escalated', escalatedTo: 'C02ALERTS' })).text).toContain(
      'told <#C02ALERTS>',
    );
    for (const kind of ['kept', 'busy', 'gone', 'exempt', 'escalated'] as const) {
      expect(buttons(idleOutcomeMessage(outcome({ outcome: kind })).blocks)).toEqual([]);
    }
  });
});

describe('an open prompt when the pod was stopped with a command', () => {
  it('says “you stopped it at … with /pod stop” to the owner, and keeps the evidence', () => {
    const at = new Date('2026-11-02T11:44:00Z');
    const message = idleOutcomeMessage(
      outcome({ outcome: 'gone', stoppedBy: { actor: 'U02ALICE', at, action: 'stop', isAsked: true } }),
    );
    expect(message.text).toContain(
      `You stopped it at ${dateToken(at, '12:44 Europe/Berlin', 'time')} with \`/pod stop\` — \`llama-ft\` needs no answer any more.`,
    );
    expect(message.text).toContain('It had been idle for 1 h ($2.49 burned idle).');
    expect(message.text).not.toContain('outside podwarden');
  });

  it('names someone else who stopped it, and falls back to plain words when nobody did', () => {
    const other = idleOutcomeMessage(
      outcome({
        outcome: 'gone',
        stoppedBy: { actor: 'U01ADA', at: now, action: 'terminate', isAsked: false },
      }),
    );
    expect(other.text).toContain('<@U01ADA> terminated it at');
    expect(other.text).toContain('with `/pod terminate`');
    expect(idleOutcomeMessage(outcome({ outcome: 'gone' })).text).toContain(
      'stopped or went away outside podwarden',
    );
  });
});

describe('idle thread notes', () => {
  const base = { podId: 'abc123', podName: 'llama-ft', timeZone: 'UTC', now };

  it('reminder names the deadline per policy', () => {
    const deadlineAt = new Date('2026-11-02T14:00:00Z');
    const r = (action: 'ask-then-stop' | 'ask-only' | 'dry-run') =>
      idleReminderMessage({ ...base, ownerId: 'U1', action, deadlineAt }).text;
    expect(r('ask-then-stop')).toContain(`stops at ${dateToken(deadlineAt, '14:00 UTC')} unless you keep it`);
    expect(r('dry-run')).toContain(`would stop it at ${dateToken(deadlineAt, '14:00 UTC')}`);
    expect(r('ask-only')).toContain('the idle channel is told');
  });

  it('stop failure quotes RunPod, escaped', () => {
    const text = idleStopFailedMessage({ ...base, detail: '<!here> 502', deadlineAt: now }).text;
    expect(text).toContain('&lt;!here&gt; 502');
    expect(text).toContain('tries again');
  });

  it('dry run says it would have stopped and stopped nothing', () => {
    const text = idleDryRunMessage({ ...base, ownerId: null, evidence }).text;
    expect(text).toContain('would have stopped `llama-ft` now');
    expect(text).toContain('Nothing was stopped');
  });

  it('escalation names the owner and the idle cost', () => {
    const text = idleEscalationMessage({ ...base, ownerId: 'U02ALICE', evidence, openedAt: now }).text;
    expect(text).toContain('of <@U02ALICE>');
    expect(text).toContain('nobody answered');
    expect(text).toContain('$2.49 burned idle');
  });

  it('unexpected stop carries Resume and explains likely causes', () => {
    const message = unexpectedStopMessage({
      podId: 'abc123',
      podName: 'llama-ft',
      ownerId: 'U02ALICE',
      status: 'EXITED',
      lastSeenRunningAt: now,
      noticedAt: now,
      costPerHr: 2.49,
      timeZone: 'UTC',
    });
    expect(message.text).toContain('stopped without anyone asking');
    expect(JSON.stringify(message.blocks)).toContain('spot interruption');
    expect(buttons(message.blocks).map((b) => b.element.action_id)).toEqual([ActionId.podResume]);
    expect(checkMessage(message).errors).toEqual([]);
  });
});

describe('/pod keep, exempt and idle replies', () => {
  it('keep says until when, and why when the limit cut it', () => {
    const reply = keepReply({
      actor: 'U02ALICE',
      outcome: {
        pod: { id: 'abc123', name: 'llama-ft' },
        until: new Date('2026-11-03T13:30:00Z'),
        requestedUntil: new Date('2026-11-05T13:30:00Z'),
        capped: true,
        timeZone: 'UTC',
      },
      reason: 'eval <!channel>',
      maxKeepMs: 24 * 60 * MIN,
      now,
    });
    const text = JSON.stringify(reply.blocks);
    expect(reply.text).toContain(
      `<@U02ALICE> kept \`llama-ft\` (\`abc123\`) until ${dateToken('2026-11-03T13:30:00Z', 'Tue 13:30 UTC')}`,
    );
    expect(text).toContain('members can keep a pod for at most 1 d');
    expect(text).not.toContain('<!channel>');
  });

  it('exempt names the admin and the way back', () => {
    const reply = exemptReply({ actor: 'U01ADA', pod: { id: 'abc123', name: 'llama-ft' }, exempt: true });
    expect(reply.text).toContain('<@U01ADA> exempted `llama-ft`');
    expect(reply.text).toContain('/pod unexempt llama-ft');
  });

  it('/pod idle lists owner, idle time, idle dollars and what happens next; 200 pods fit', () => {
    const pod = (i: number) => ({
      podId: `pod${i}`,
      podName: `job-${i}`,
      ownerId: i % 2 === 0 ? 'U02ALICE' : null,
      idleSince: new Date(now.getTime() - 90 * MIN),
      idleMs: 90 * MIN,
      idleUsd: 3.74,
      costPerHr: 2.49,
      gpuCount: 1,
      episode:
        i === 0
          ? {
              state: 'open' as const,
              action: 'ask-then-stop' as const,
              deadlineAt: now,
              audience: 'owner' as const,
            }
          : null,
      keptUntil: null,
      exempt: false,
    });
    const listing = (n: number): IdleListing => ({
      pods: Array.from({ length: n }, (_, i) => pod(i)),
      rule: { gpuUtilMax: 5, windowMs: 30 * MIN, warmupMs: 10 * MIN, pollIntervalMs: MIN },
      timeZone: 'UTC',
      now,
    });
    const one = idleListReply(listing(2));
    const text = JSON.stringify(one.blocks);
    expect(text).toContain('<@U02ALICE>');
    expect(text).toContain('idle 1 h 30 min');
    expect(text).toContain('$3.74');
    expect(text).toContain(`stops at ${dateToken(now, '13:30 UTC')} unless kept`);
    expect(text).toContain('never stopped automatically');
    const many = idleListReply(listing(200));
    expect(checkMessage(many).errors).toEqual([]);
    expect(JSON.stringify(many.blocks)).toContain('160 more idle pods');
    expect(idleListReply(listing(0)).text).toContain('No pod is idle right now');
  });
});
