import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../src/lib/clock.js';
import { type SlackStandIn, startSlackStandIn } from '../../../../src/sandbox/slack/start-slack-stand-in.js';
import { buildPageState } from '../../../../src/sandbox/web/page-state.js';

let standIn: SlackStandIn;

beforeEach(async () => {
  standIn = await startSlackStandIn({
    signingSecret: 's',
    botToken: 'xoxb-t',
    clock: createManualClock('2026-11-29T08:00:00Z'),
  });
});

afterEach(async () => {
  await standIn.close();
});

async function call(method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${standIn.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer xoxb-t' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('buildPageState', () => {
  it('folds thread replies under their parent and keeps ephemeral replies for their reader', async () => {
    const parent = await call('chat.postMessage', { channel: 'U02ALICE', text: 'llama-ft is idle' });
    await call('chat.postMessage', { channel: 'D02ALICE', thread_ts: parent.ts, text: 'Reminder' });
    await call('chat.postMessage', { channel: 'D02ALICE', text: 'later message' });
    const state = buildPageState(standIn, 'U02ALICE', 'sandbox');
    const dm = state?.conversations.find((c) => c.kind === 'im');
    expect(dm?.id).toBe('D02ALICE');
    expect(dm?.entries.map((e) => [e.text, e.replies.map((r) => r.text)])).toEqual([
      ['llama-ft is idle', ['Reminder']],
      ['later message', []],
    ]);
    expect(Number(dm?.latestTs)).toBeGreaterThan(Number(parent.ts));
  });

  it("shows someone else's DM to nobody else, and ephemeral messages only to their reader", async () => {
    await call('chat.postMessage', { channel: 'U02ALICE', text: 'for Alice' });
    await call('chat.postEphemeral', { channel: 'C01GPU', user: 'U02ALICE', text: 'psst' });
    const bob = buildPageState(standIn, 'U03BOB', 'sandbox');
    expect(bob?.conversations.map((c) => c.id)).toEqual(['C01GPU', 'C02ALERTS', 'D03BOB']);
    expect(bob?.conversations.every((c) => c.entries.length === 0)).toBe(true);
    const alice = buildPageState(standIn, 'U02ALICE', 'sandbox');
    const general = alice?.conversations.find((c) => c.id === 'C01GPU');
    expect(general?.entries.map((e) => [e.kind, e.text, e.private])).toEqual([['ephemeral', 'psst', true]]);
    expect(buildPageState(standIn, 'U0NOBODY', 'sandbox')).toBeNull();
  });
});
