/**
 * Ask-only escalations to IDLE_CHANNEL that the channel cannot take at first: the admins hear in
 * their DMs, once, and the escalation is posted in the channel (in the prompt's thread when the
 * prompt lives there) once podwarden can post there, never twice; one Slack posted without
 * answering is found there and not posted again.
 */
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/lib/clock.js';
import { createSimWorld } from '../../src/sandbox/runpod/sim-world.js';
import { idleScript } from '../../src/sandbox/runpod/util-scripts.js';
import {
  ADA,
  type E2eSandbox,
  IDLE_ENV,
  MINUTE,
  pollMinute,
  pollMinutes,
  pollUntil,
  sandboxPerTest,
} from './support/e2e-sandbox.js';

const PUBLIC = 'C05PUBLIC';
const PRIVATE = 'C06SECRET';
const POD = 'idleevalbox001';

/** One unowned idle pod: its prompt goes to IDLE_CHANNEL (or to the admins when it cannot). */
function oneIdlePod(clock: ManualClock) {
  const world = createSimWorld(clock);
  world.addPod({
    id: POD,
    name: 'eval-box',
    gpuCount: 2,
    costPerHr: 2.49,
    volumeInGb: 100,
    startedAt: new Date(clock.now().getTime() - 60 * MINUTE),
    script: idleScript({ gpuCount: 2, gpuMem: 0 }),
  });
  return world;
}

const startWith = (idleChannel: string, botInPrivate: boolean) =>
  sandboxPerTest(
    {
      world: oneIdlePod,
      env: { ...IDLE_ENV, IDLE_ACTION: 'ask-only', IDLE_CHANNEL: idleChannel },
      slackTimeoutMs: 500,
    },
    async (s) => {
      s.slack.addChannel({ id: PUBLIC, name: 'ml-random', botMember: true });
      s.slack.addChannel({ id: PRIVATE, name: 'ml-private', isPrivate: true, botMember: botInPrivate });
      await pollMinute(s);
    },
  );

const escalationsIn = (s: E2eSandbox, channel: string, thread?: string) =>
  s.slack
    .conversation(channel)
    .filter((m) => m.text.includes('nobody answered') && (thread === undefined || m.threadTs === thread));
const escalationPosts = (s: E2eSandbox, channel: string) =>
  s.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.params.channel === channel && String(c.params.text).includes('nobody answered')).length;
const adaEscalations = (s: E2eSandbox) => escalationsIn(s, s.slack.dmChannelOf(ADA));

/** Polls until the prompt is out, then until the next poll is the one at its deadline. */
async function pollToDeadline(s: E2eSandbox): Promise<void> {
  for (let polls = 0; polls < 90; polls++) {
    const [episode] = await s.app.store.listActiveEpisodes();
    if (episode) {
      while (s.clock.now().getTime() < episode.deadlineAt.getTime()) await pollMinute(s);
      return;
    }
    await pollMinute(s);
  }
  throw new Error('no idle prompt within 90 polls');
}

describe('an escalation IDLE_CHANNEL cannot take', { timeout: 120_000 }, () => {
  const startPrivateUninvited = startWith(PRIVATE, false);
  const startPublic = startWith(PUBLIC, false);

  it('private, podwarden not invited: the admins get it by DM once, and the channel once it is invited', async () => {
    const s = await startPrivateUninvited();
    await pollUntil(s, () => adaEscalations(s)[0], 120);
    expect(escalationsIn(s, PRIVATE)).toEqual([]);

    s.slack.setBotMember(PRIVATE, true); // /invite @podwarden
    await pollUntil(s, () => escalationsIn(s, PRIVATE)[0], 15);
    await pollMinutes(s, 30);
    expect(escalationsIn(s, PRIVATE)).toHaveLength(1);
    expect(escalationPosts(s, PRIVATE)).toBe(1);
    expect(adaEscalations(s)).toHaveLength(1);
    expect(escalationsIn(s, PRIVATE)[0]?.metadata?.event_type).toBe('podwarden_idle_escalation');
  });

  it('refused by Slack at the deadline: the admins are told once, and it lands in the prompt’s thread later, once', async () => {
    const s = await startPublic();
    await pollToDeadline(s);
    const prompt = s.slack.conversation(PUBLIC).find((m) => m.threadTs === null);
    if (!prompt) throw new Error('the prompt is in the channel');
    s.slack.faults.inject('chat.postMessage', 'rate_limited', 3); // 429 each time: nothing posted
    await pollMinute(s);
    const told = s.slack
      .conversation(s.slack.dmChannelOf(ADA))
      .filter((m) => m.text.includes('could not post this in'));
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('once I can');
    expect(escalationsIn(s, PUBLIC)).toEqual([]);

    await pollUntil(s, () => escalationsIn(s, PUBLIC, prompt.ts)[0], 15);
    await pollMinutes(s, 30);
    expect(escalationsIn(s, PUBLIC)).toHaveLength(1);
    expect(escalationsIn(s, PUBLIC, prompt.ts)).toHaveLength(1);
    expect(
      s.slack.conversation(s.slack.dmChannelOf(ADA)).filter((m) => m.text.includes('could not post this in')),
    ).toHaveLength(1);
  });

  it('posted by Slack without an answer: found in the prompt’s thread, never posted again, nobody told', async () => {
    const s = await startPublic();
    await pollToDeadline(s);
    const prompt = s.slack.conversation(PUBLIC).find((m) => m.threadTs === null);
    if (!prompt) throw new Error('the prompt is in the channel');
    s.slack.faults.inject('chat.postMessage', 'late', 1);
    await pollMinutes(s, 40);
    expect(escalationsIn(s, PUBLIC, prompt.ts)).toHaveLength(1);
    expect(escalationPosts(s, PUBLIC)).toBe(1);
    expect(s.slack.callsTo('conversations.replies').length).toBeGreaterThan(0);
    expect(
      s.slack.conversation(s.slack.dmChannelOf(ADA)).filter((m) => m.text.includes('could not post this in')),
    ).toEqual([]);
  });
});
