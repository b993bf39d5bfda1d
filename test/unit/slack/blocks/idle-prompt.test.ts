import { describe, expect, it } from 'vitest';
import type { IdleEvidence } from '../../../../src/domain/idle-evidence.js';
import { checkMessage } from '../../../../src/sandbox/slack/check-block-kit.js';
import { buttonLabel, listButtons } from '../../../../src/sandbox/slack/find-button.js';
import type { PromptView } from '../../../../src/services/idle-service.js';
import { ActionId } from '../../../../src/slack/action-ids.js';
import { idlePromptMessage } from '../../../../src/slack/blocks/idle-prompt.js';
import { dateToken } from '../../../support/date-token.js';

const MIN = 60_000;

const evidence: IdleEvidence = {
  rule: { gpuUtilMax: 5, windowMs: 30 * MIN, warmupMs: 10 * MIN },
  gpuUtil: [0, 1, 0, 2, 0, 0, 3, 0, 0, 0],
  gpuMemPercent: 41,
  cpuPercent: 3,
  memoryPercent: 22,
  uptimeMs: 5 * 60 * MIN,
  gpuCount: 2,
  costPerHr: 2.49,
  idleSince: '2026-11-02T12:45:00Z',
  idleMs: 45 * MIN,
  idleUsd: 1.87,
  samples: 31,
  windowFrom: '2026-11-02T13:00:00Z',
  windowTo: '2026-11-02T13:30:00Z',
};

const view = (overrides: Partial<PromptView> = {}): PromptView => ({
  episodeId: '6f1c1b9e-8d1e-4c4b-9d6a-2b1f3c4d5e6f',
  podId: 'abc123',
  podName: 'llama-ft',
  audience: 'owner',
  ownerId: 'U02ALICE',
  claimedBy: null,
  action: 'ask-then-stop',
  evidence,
  deadlineAt: new Date('2026-11-02T14:00:00Z'),
  keepMorningAt: new Date('2026-11-03T08:00:00Z'),
  timeZone: 'Europe/Berlin',
  now: new Date('2026-11-02T13:30:00Z'),
  ...overrides,
});

const labels = (blocks: unknown) =>
  listButtons((blocks ?? []) as Record<string, unknown>[]).map((b) => buttonLabel(b.element));
const buttons = (blocks: unknown) =>
  listButtons((blocks ?? []) as Record<string, unknown>[]).map((b) => b.element);
const allText = (message: { text: string; blocks?: unknown }) =>
  `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('idlePromptMessage', () => {
  it('asks the owner with the evidence, the deadline in their zone and what a stop means', () => {
    const message = idlePromptMessage(view());
    const text = allText(message);
    expect(message.text).toContain('llama-ft has been idle for 45 min and costs $2.49/h');
    expect(message.text).toContain(
      `stops at ${dateToken('2026-11-02T14:00:00Z', '15:00 Europe/Berlin')} unless you keep it`,
    );
    expect(text).toContain('every GPU ≤ 5 % for 30 min');
    expect(text).toContain('▁▁▁▁▁'); // the sparkline
    expect(text).toContain('*GPU memory* 41 %');
    expect(text).toContain('*CPU* 3 %');
    expect(text).toContain('*Uptime* 5 h');
    expect(text).toContain('$1.87');
    expect(text).toContain('container disk');
    expect(text).toContain('/workspace');
    expect(text).toContain('GPU may not be free');
  });

  it('names the rule that fired and the grace in one line', () => {
    const timed: IdleEvidence = {
      ...evidence,
      idleMs: 92 * MIN,
      rule: { ...evidence.rule, windowMs: 90 * MIN, cpuBusyPercent: 20 },
      timing: { kind: 'work_hours', graceMs: 30 * MIN, workHours: '11:30–14:30 Mon–Fri' },
    };
    const text = allText(idlePromptMessage(view({ evidence: timed })));
    expect(text).toContain(
      '*Why now:* idle 1 h 32 min during your working hours (11:30–14:30 Mon–Fri): you get 30 min before the stop',
    );
    expect(text).toContain('every GPU ≤ 5 % and CPU ≤ 20 % for 1 h 30 min');
    const channel = allText(
      idlePromptMessage(
        view({
          evidence: { ...timed, timing: { kind: 'after_job', graceMs: 10 * MIN, workHours: null } },
          audience: 'channel',
          ownerId: null,
          action: 'ask-only',
        }),
      ),
    );
    expect(channel).toContain(
      '*Why now:* idle 1 h 32 min after a steady job ended: you get 10 min to answer',
    );
  });

  it('says so in one line when the pod came back on its own again and again', () => {
    const comeback: IdleEvidence = {
      ...evidence,
      idleMs: 150 * MIN,
      timing: {
        kind: 'comeback',
        graceMs: 10 * MIN,
        workHours: null,
        comebacks: 6,
        longestComebackMs: 49 * MIN,
      },
    };
    expect(allText(idlePromptMessage(view({ evidence: comeback })))).toContain(
      '*Why now:* idle 2 h 30 min, and it came back on its own from quiet 6 times in the last day (longest 49 min): you get 10 min before the stop',
    );
  });

  it('offers Stop now · Keep 1 h · Keep 4 h · Keep until 09:00, each carrying the episode id', () => {
    const message = idlePromptMessage(view());
    expect(labels(message.blocks)).toEqual(['Stop now', 'Keep 1 h', 'Keep 4 h', 'Keep until 09:00']);
    expect(buttons(message.blocks).map((b) => b.action_id)).toEqual([
      ActionId.idleStopNow,
      ActionId.idleKeep1h,
      ActionId.idleKeep4h,
      ActionId.idleKeepUntil,
    ]);
    for (const button of buttons(message.blocks)) expect(button.value).toBe(view().episodeId);
  });

  it('for an unowned pod offers Stop now · Keep 1 h · Claim, and after a claim the owner buttons', () => {
    const unowned = idlePromptMessage(view({ audience: 'channel', ownerId: null, timeZone: 'UTC' }));
    expect(labels(unowned.blocks)).toEqual(['Stop now', 'Keep 1 h', 'Claim']);
    expect(allText(unowned)).toContain('no owner');
    expect(allText(unowned)).toContain('Any member or an admin may answer');
    const claimed = idlePromptMessage(
      view({
        audience: 'channel',
        ownerId: 'U03BOB',
        claimedBy: 'U03BOB',
        timeZone: 'UTC',
        keepMorningAt: new Date('2026-11-03T09:00:00Z'),
      }),
    );
    expect(labels(claimed.blocks)).toEqual(['Stop now', 'Keep 1 h', 'Keep 4 h', 'Keep until 09:00']);
    expect(allText(claimed)).toContain('<@U03BOB> claimed it');
  });

  it('says so in dry-run and in ask-only', () => {
    const dry = idlePromptMessage(view({ action: 'dry-run' }));
    expect(dry.text).toMatch(/^\[dry run\]/);
    expect(allText(dry)).toContain('podwarden will not stop it');
    const askOnly = idlePromptMessage(view({ action: 'ask-only' }));
    expect(allText(askOnly)).toContain('podwarden will not stop it');
    expect(askOnly.text).not.toContain('stops at');
  });

  it('pings nobody through a hostile pod name and stays within Block Kit limits', () => {
    const hostile = idlePromptMessage(
      view({ podName: '<!channel> `rm` <@U999>', evidence: { ...evidence, gpuUtil: Array(500).fill(0) } }),
    );
    expect(allText(hostile)).not.toContain('<!channel>');
    expect(allText(hostile)).not.toContain('<@U999>');
    expect(checkMessage(hostile).errors).toEqual([]);
    expect(checkMessage(idlePromptMessage(view())).errors).toEqual([]);
  });

  describe('repeated keeps', () => {
    const keeps = {
      podId: 'abc123',
      podName: 'llama-ft',
      count: 3,
      since: new Date('2026-11-02T08:12:00Z'),
      idleUsd: 41.2,
      keptBy: ['U02ALICE'],
    };
    const keepsBlock = (message: { blocks?: unknown }) =>
      ((message.blocks ?? []) as { type: string; elements?: { text: string }[] }[])
        .filter((b) => b.type === 'context')
        .map((b) => b.elements?.[0]?.text ?? '')
        .find((text) => text.includes('Kept'));

    it('says how often the pod was kept, since when and what it burned idle meanwhile, in one context line', () => {
      const message = idlePromptMessage(view({ keeps }));
      expect(keepsBlock(message)).toBe(
        `:repeat: Kept 3 times since ${dateToken('2026-11-02T08:12:00Z', '09:12 Europe/Berlin')}, $41.20 idle under those keeps. A keep is always honoured.`,
      );
      expect(checkMessage(message).errors).toEqual([]);
      // The owner's buttons stay as they are: the keeps are said, never acted on.
      expect(labels(message.blocks)).toEqual(labels(idlePromptMessage(view()).blocks));
    });

    it('names keepers other than the owner', () => {
      const message = idlePromptMessage(view({ keeps: { ...keeps, keptBy: ['U02ALICE', 'U09ADMIN'] } }));
      expect(keepsBlock(message)).toContain('since');
      expect(keepsBlock(message)).toContain('(by <@U09ADMIN>)');
      expect(keepsBlock(message)).not.toContain('U02ALICE');
    });

    it('has no such line without repeated keeps', () => {
      expect(keepsBlock(idlePromptMessage(view()))).toBeUndefined();
      expect(keepsBlock(idlePromptMessage(view({ keeps: null })))).toBeUndefined();
    });
  });
});
