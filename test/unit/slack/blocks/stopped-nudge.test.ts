import { describe, expect, it } from 'vitest';
import type { StoppedNudgeView } from '../../../../src/services/stopped-service.js';
import { stoppedAnsweredMessage, stoppedNudgeMessage } from '../../../../src/slack/blocks/stopped-nudge.js';

const NOW = new Date('2026-11-30T10:00:00Z');

const view = (overrides: Partial<StoppedNudgeView> = {}): StoppedNudgeView => ({
  podId: 'p1',
  podName: 'dataset-prep',
  ownerId: 'U01ADA',
  audience: 'owner',
  since: new Date('2026-11-20T08:00:00Z'),
  sinceExact: true,
  now: NOW,
  volumeInGb: 500,
  soFarUsd: 33.61,
  perMonthUsd: 100,
  again: false,
  timeZone: 'Europe/Berlin',
  ...overrides,
});

const all = (m: { text: string; blocks?: readonly unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks)}`;

describe('stoppedNudgeMessage', () => {
  it('says how long, what the volume cost and costs a month, with the three buttons for the pod', () => {
    const message = stoppedNudgeMessage(view());
    const text = all(message);
    expect(text).toContain('Your pod `dataset-prep` has been stopped for *10 d 2 h* (since Fri 20 Nov)');
    expect(text).toContain('cost about *$33.61* meanwhile and costs *$100.00 a month*');
    const buttons = (message.blocks ?? [])
      .flatMap((b) => ((b as { elements?: unknown[] }).elements ?? []) as Record<string, unknown>[])
      .filter((e) => e.type === 'button');
    expect(buttons.map((b) => [(b.text as { text: string }).text, b.action_id, b.value])).toEqual([
      ['Terminate…', 'stopped_terminate', 'p1'],
      ['Keep 30 days', 'stopped_keep_30d', 'p1'],
      ['Remind me in 7 days', 'stopped_remind_7d', 'p1'],
    ]);
  });

  it('is honest about an unknown start, an unowned pod, a pod without volume, and escapes the name', () => {
    const text = all(
      stoppedNudgeMessage(
        view({
          podName: '<!channel> box',
          audience: 'channel',
          ownerId: null,
          sinceExact: false,
          volumeInGb: 0,
          again: true,
        }),
      ),
    );
    expect(text).toContain('has *no owner*');
    expect(text).toContain('for at least *10 d 2 h*');
    expect(text).toContain('costs nothing while stopped');
    expect(text).toContain('As you asked');
    expect(text).toContain('Any member or an admin may answer.');
    expect(text).not.toContain('<!channel>');
  });
});

describe('stoppedAnsweredMessage', () => {
  it('names who decided and when podwarden asks again, in the reader’s zone', () => {
    const until = new Date(NOW.getTime() + 30 * 86_400_000);
    const kept = stoppedAnsweredMessage({
      podId: 'p1',
      podName: 'x',
      actor: 'U01ADA',
      choice: 'keep_30d',
      until,
      now: NOW,
      timeZone: 'UTC',
    });
    expect(kept.text).toBe(
      '<@U01ADA> keeps `x` stopped for 30 more days; podwarden asks again on Wed 30 Dec (UTC) if it is still stopped.',
    );
    const remind = stoppedAnsweredMessage({
      podId: 'p1',
      podName: 'x',
      actor: 'U01ADA',
      choice: 'remind_7d',
      until,
      now: NOW,
      timeZone: 'UTC',
    });
    expect(remind.text).toContain('will be reminded about `x` on Wed 30 Dec (UTC)');
  });
});
