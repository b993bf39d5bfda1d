/**
 * Posts Slack carried out but never answered (the answer was lost, the client gave up at its
 * timeout): the scheduled digest and the budget alert are looked for in the channel (message
 * metadata, conversations.history) before anything is posted again, so each goes out once.
 */
import { describe, expect, it } from 'vitest';
import { createDigestScheduler } from '../../src/jobs/digest-scheduler.js';
import { silentLogger } from '../../src/lib/logger.js';
import {
  ADA,
  ALICE,
  GPU_TEAM,
  MINUTE,
  messageShowing,
  pollMinute,
  sandboxPerTest,
} from './support/e2e-sandbox.js';

const start = sandboxPerTest(
  { env: { IDLE_CHANNEL: GPU_TEAM, BUDGET_PER_HOUR: '0.01' }, slackTimeoutMs: 500 },
  async (s) => {
    await pollMinute(s);
  },
);

describe('a scheduled digest Slack posted without answering', () => {
  it('is found in the channel later that day, recorded, its chart shared, and never posted twice', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'digest here 11:30 Europe/Berlin' });
    await messageShowing(s, GPU_TEAM, 'subscribed this channel to the daily GPU cost digest');
    const digests = () => s.slack.conversation(GPU_TEAM).filter((m) => m.text.includes('GPU digest'));
    const charts = () => s.slack.conversation(GPU_TEAM).filter((m) => m.files.length > 0);
    const scheduler = createDigestScheduler({
      services: s.app.services,
      clock: s.clock,
      logger: silentLogger,
    });

    s.clock.advance(35 * MINUTE); // 11:36 in Berlin: due
    s.slack.faults.inject('chat.postMessage', 'late', 1);
    expect(await scheduler.tick()).toBe(0);
    expect(digests()).toHaveLength(1); // Slack did post it
    expect(digests()[0]?.metadata?.event_type).toBe('podwarden_digest');
    // Nobody is told it failed: it may well be (and here is) in the channel.
    expect(
      s.slack.conversation(s.slack.dmChannelOf(ALICE)).filter((m) => m.text.includes('could not post')),
    ).toEqual([]);

    s.clock.advance(31 * MINUTE); // a retry is due
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    s.clock.advance(31 * MINUTE);
    expect(await scheduler.tick()).toBe(0);
    expect(digests()).toHaveLength(1);
    expect(charts()).toHaveLength(1);
    expect(s.slack.callsTo('conversations.history').length).toBeGreaterThan(0);
  });
});

describe('a scheduled digest Slack posted without answering, then refused, then invited back', () => {
  it('is looked for before the next attempt and never posted twice', async () => {
    const s = await start();
    const PRIVATE = 'G07MLCORE';
    s.slack.addChannel({ id: PRIVATE, name: 'ml-core', isPrivate: true, botMember: true });
    await s.slack.sendCommand({ user: ALICE, channel: PRIVATE, text: 'digest here 11:30 Europe/Berlin' });
    await messageShowing(s, PRIVATE, 'subscribed this channel to the daily GPU cost digest');
    const digests = () => s.slack.conversation(PRIVATE).filter((m) => m.text.includes('GPU digest'));
    const scheduler = createDigestScheduler({
      services: s.app.services,
      clock: s.clock,
      logger: silentLogger,
    });

    s.clock.advance(35 * MINUTE);
    s.slack.faults.inject('chat.postMessage', 'late', 1);
    expect(await scheduler.tick()).toBe(0);
    expect(digests()).toHaveLength(1); // posted, but the answer was lost

    s.slack.setBotMember(PRIVATE, false); // removed: the retry is refused
    s.clock.advance(31 * MINUTE);
    expect(await scheduler.tick()).toBe(0);

    s.slack.setBotMember(PRIVATE, true); // invited back
    s.clock.advance(31 * MINUTE);
    await scheduler.tick();
    s.clock.advance(31 * MINUTE);
    await scheduler.tick();
    expect(digests()).toHaveLength(1);
  });
});

describe('a budget alert Slack posted without answering', () => {
  it('is found in the channel, posted once, and the admins are not told it failed', async () => {
    const s = await start();
    const alerts = () => s.slack.conversation(GPU_TEAM).filter((m) => m.text.includes('above the budget'));
    const toldAda = () =>
      s.slack
        .conversation(s.slack.dmChannelOf(ADA))
        .filter((m) => m.text.includes('could not post this alert'));

    s.slack.faults.inject('chat.postMessage', 'late', 1);
    expect((await s.app.services.cost.checkAlerts()).posted).toEqual(['budget_per_hour']);
    expect(alerts()).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      s.clock.advance(5 * MINUTE);
      await s.app.services.cost.checkAlerts();
    }
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]?.metadata?.event_type).toBe('podwarden_alert');
    expect(toldAda()).toEqual([]);
  });
});
