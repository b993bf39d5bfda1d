/**
 * Channels the app was never invited to, as Slack treats them: a public one is joined when a
 * digest is subscribed there (so the chart can be shared), a private one is refused with the
 * invite step, and nothing fails silently.
 */
import { describe, expect, it } from 'vitest';
import { createDigestScheduler } from '../../src/jobs/digest-scheduler.js';
import { silentLogger } from '../../src/lib/logger.js';
import { demoPodIds } from '../../src/sandbox/runpod/demo-world.js';
import { findButton } from '../../src/sandbox/slack/find-button.js';
import {
  ALICE,
  BOB,
  ephemeralShowing,
  MINUTE,
  messageShowing,
  pollMinute,
  sandboxPerTest,
  WAIT,
} from './support/e2e-sandbox.js';

const PUBLIC = 'C05PUBLIC';
const PRIVATE = 'C06SECRET';

const start = sandboxPerTest({}, async (s) => {
  s.slack.addChannel({ id: PUBLIC, name: 'ml-random', botMember: false });
  s.slack.addChannel({ id: PRIVATE, name: 'ml-private', isPrivate: true, botMember: false });
  await pollMinute(s);
});

describe('digest subscriptions in channels the app is not in', () => {
  it('a public channel: podwarden joins it, subscribes, and digest now posts text and chart there', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ALICE, channel: PUBLIC, text: 'digest here 09:00 Europe/Berlin' });
    // The announcement is a response_url reply, visible in the channel.
    await messageShowing(s, PUBLIC, 'subscribed this channel to the daily GPU cost digest');
    expect(s.slack.botIsMember(PUBLIC)).toBe(true);
    expect((await s.app.store.listSubscriptions()).map((x) => x.channel)).toContain(PUBLIC);
    expect(s.slack.callsTo('conversations.join').map((c) => c.params.channel)).toEqual([PUBLIC]);

    await s.slack.sendCommand({ user: ALICE, channel: PUBLIC, text: 'digest now' });
    const chart = await s.slack.waitFor(
      () => s.slack.conversation(PUBLIC).find((m) => m.files.some((f) => f.mimetype === 'image/png')),
      WAIT,
    );
    expect(chart).toBeDefined();
  });

  it('a private channel: the subscription is refused with the invite step, and digest now says the same', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ALICE, channel: PRIVATE, text: 'digest here 09:00 Europe/Berlin' });
    const refusal = await ephemeralShowing(s, ALICE, '/invite @podwarden');
    expect(refusal.text).toContain('Invite me first');
    expect((await s.app.store.listSubscriptions()).map((x) => x.channel)).not.toContain(PRIVATE);
    expect(s.slack.callsTo('conversations.join')).toEqual([]);

    await s.slack.sendCommand({ user: ALICE, channel: PRIVATE, text: 'digest now' });
    await s.slack.waitFor(
      () =>
        s.slack.ephemerals(ALICE).filter((m) => m.text.includes('/invite @podwarden')).length >= 2
          ? true
          : null,
      WAIT,
    );
    expect(s.slack.conversation(PRIVATE)).toEqual([]);
  });
});

describe('a scheduled digest that cannot be posted', () => {
  it('tells the subscriber once, keeps the subscription, and posts it once later that day', async () => {
    const s = await start();
    s.slack.setBotMember(PRIVATE, true); // invited
    await s.slack.sendCommand({ user: ALICE, channel: PRIVATE, text: 'digest here 11:30 Europe/Berlin' });
    await messageShowing(s, PRIVATE, 'subscribed this channel to the daily GPU cost digest');
    s.slack.setBotMember(PRIVATE, false); // then removed from the private channel

    const scheduler = createDigestScheduler({
      services: s.app.services,
      clock: s.clock,
      logger: silentLogger,
    });
    s.clock.advance(35 * MINUTE); // 10:36 UTC = 11:36 in Berlin: due
    expect(await scheduler.tick()).toBe(0);
    expect(await scheduler.tick()).toBe(0);
    const dm = s.slack
      .conversation(s.slack.dmChannelOf(ALICE))
      .filter((m) => m.text.includes('could not post'));
    expect(dm).toHaveLength(1);
    expect(dm[0]?.text).toContain('/invite @podwarden');
    expect((await s.app.store.listSubscriptions()).map((x) => x.channel)).toContain(PRIVATE);

    s.slack.setBotMember(PRIVATE, true); // invited back
    expect(await scheduler.tick()).toBe(0); // too soon for a retry
    s.clock.advance(31 * MINUTE);
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    const digests = s.slack.conversation(PRIVATE).filter((m) => m.text.includes('GPU digest'));
    expect(digests).toHaveLength(1);
    expect(
      s.slack.conversation(s.slack.dmChannelOf(ALICE)).filter((m) => m.text.includes('could not post')),
    ).toHaveLength(1);
    // Slack proved the first attempt posted nothing: the retry posts without looking first.
    expect(s.slack.callsTo('conversations.history')).toEqual([]);
  });
});

describe('buttons pressed in a public channel the app is not in', () => {
  it('Stop on a /pod list there: the list updates, the channel is told, RunPod stops the pod once', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: BOB, channel: PUBLIC, text: 'list mine' });
    const list = await ephemeralShowing(s, BOB, 'bob-rl-busy');
    await s.slack.clickButton({
      user: BOB,
      channel: PUBLIC,
      ephemeralId: list.id,
      label: 'Stop',
      value: demoPodIds['bob-rl-busy'],
    });
    await messageShowing(s, PUBLIC, '<@U03BOB> stopped `bob-rl-busy`');
    const updated = await s.slack.waitFor(
      () => s.slack.ephemerals(BOB).find((m) => m.id === list.id && m.edited),
      WAIT,
    );
    expect(findButton(updated.blocks, { label: 'Resume', value: demoPodIds['bob-rl-busy'] })).not.toBeNull();
    expect(s.slack.callsTo('chat.postEphemeral')).toEqual([]);
    expect(s.slack.botIsMember(PUBLIC)).toBe(false);
  });
});

describe('a modal opened in a public channel the app is not in', () => {
  it('/pod terminate there, RunPod refuses: the refusal reaches the user through the command’s response_url', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ALICE, channel: PUBLIC, text: 'terminate alice-notebook' });
    const modal = await s.slack.waitFor(() => {
      const top = s.slack.openViews(ALICE).at(-1);
      return top && top.view.submit?.text === 'Terminate' ? top : null;
    }, WAIT);
    const before = s.slack.ephemerals(ALICE).length;
    s.sim.faults.failNext('unauthorized_mutation');
    await s.slack.submitView({
      user: ALICE,
      viewId: modal.view.id,
      values: { confirm_name: 'alice-notebook' },
    });
    const refusal = await s.slack.waitFor(() => s.slack.ephemerals(ALICE)[before], WAIT);
    expect(refusal.channel).toBe(PUBLIC);
    expect(refusal.text).toContain('RunPod refused');
    expect(s.slack.callsTo('chat.postEphemeral')).toEqual([]);
    expect(s.slack.conversation(s.slack.dmChannelOf(ALICE))).toEqual([]);
    expect(s.sim.world.pod(demoPodIds['alice-notebook'])).toBeDefined();
  });
});
