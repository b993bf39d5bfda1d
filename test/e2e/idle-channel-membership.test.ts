/**
 * IDLE_CHANNEL in a channel the app was never invited to: a public one is joined before the
 * prompt for an unowned pod goes there; a private one cannot be seen, so the admins are asked in
 * their DMs instead (and the log says to invite the app), never a silent failure.
 */
import { describe, expect, it } from 'vitest';
import {
  ADA,
  IDLE_ENV,
  pollMinute,
  pollUntil,
  promptsFor,
  sandboxPerTest,
  shown,
} from './support/e2e-sandbox.js';

const PUBLIC = 'C05PUBLIC';
const PRIVATE = 'C06SECRET';

const startWith = (idleChannel: string) =>
  sandboxPerTest({ env: { ...IDLE_ENV, IDLE_CHANNEL: idleChannel } }, async (s) => {
    s.slack.addChannel({ id: PUBLIC, name: 'ml-random', botMember: false });
    s.slack.addChannel({ id: PRIVATE, name: 'ml-private', isPrivate: true, botMember: false });
    await pollMinute(s);
  });

describe('IDLE_CHANNEL the app is not in', { timeout: 120_000 }, () => {
  const startPublic = startWith(PUBLIC);
  const startPrivate = startWith(PRIVATE);

  it('a public channel is joined, and the unowned pod’s prompt with its buttons lands there', async () => {
    const s = await startPublic();
    const { value: prompt } = await pollUntil(s, () => promptsFor(s, PUBLIC, 'old-eval-box')[0], 60);
    expect(shown(prompt)).toContain('Claim');
    expect(s.slack.botIsMember(PUBLIC)).toBe(true);
  });

  it('a private channel is not posted into: the admins are asked in their DMs', async () => {
    const s = await startPrivate();
    const dm = s.slack.dmChannelOf(ADA);
    const { value: prompt } = await pollUntil(s, () => promptsFor(s, dm, 'old-eval-box')[0], 60);
    expect(shown(prompt)).toContain('old-eval-box');
    expect(s.slack.conversation(PRIVATE)).toEqual([]);
    expect(s.slack.callsTo('conversations.join')).toEqual([]);
  });
});
