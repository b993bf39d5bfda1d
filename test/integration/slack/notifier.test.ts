import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { type SlackStandIn, startSlackStandIn } from '../../../src/sandbox/slack/start-slack-stand-in.js';
import { createSlackNotifier } from '../../../src/slack/notifier.js';

const TOKEN = 'xoxb-notifier';
let slack: SlackStandIn;

beforeEach(async () => {
  slack = await startSlackStandIn({ signingSecret: 'secret', botToken: TOKEN });
});

afterEach(async () => {
  await slack.close();
});

const notifierFor = (clock = createManualClock('2026-11-30T12:00:00Z')) =>
  createSlackNotifier(
    new webApi.WebClient(TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, timeout: 5_000 }),
    silentLogger,
    clock,
  );

describe('Slack notifier', () => {
  it('opens the DM first when posting to a user id, and threads replies', async () => {
    const notifier = notifierFor();
    const posted = await notifier.post('U02ALICE', { text: 'your pod `llama-ft` is idle' });
    expect(slack.callsTo('conversations.open')).toHaveLength(1);
    expect(posted.channel).toBe(slack.dmChannelOf('U02ALICE'));
    await notifier.post(posted.channel, { text: 'reminder', threadTs: posted.ts });
    expect(slack.thread(posted.channel, posted.ts).map((m) => m.text)).toContain('reminder');
    await notifier.update(posted.channel, posted.ts, { text: 'kept until 18:00' });
    expect(slack.conversation(posted.channel).find((m) => m.ts === posted.ts)?.text).toBe('kept until 18:00');
  });

  it('posts ephemerals to one person', async () => {
    await notifierFor().postEphemeral('C01GPU', 'U03BOB', { text: 'only for bob' });
    expect(slack.ephemerals('U03BOB').map((m) => m.text)).toEqual(['only for bob']);
  });

  it('reads a user’s time zone once and caches it briefly', async () => {
    const clock = createManualClock('2026-11-30T12:00:00Z');
    const notifier = notifierFor(clock);
    expect(await notifier.userTimeZone('U01ADA')).toBe('Europe/Berlin');
    expect(await notifier.userTimeZone('U01ADA')).toBe('Europe/Berlin');
    expect(slack.callsTo('users.info')).toHaveLength(1);
    clock.advance(11 * 60_000);
    await notifier.userTimeZone('U01ADA');
    expect(slack.callsTo('users.info')).toHaveLength(2);
    expect(await notifier.userTimeZone('UNOBODY')).toBeNull();
  });

  it('uploads a file with the upload v2 flow into a channel', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await notifierFor().uploadFile('C01GPU', {
      filename: 'spend.png',
      title: 'Spend',
      bytes,
      altText: 'spend chart',
    });
    expect(slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
    const upload = slack.uploads[0];
    expect(upload).toMatchObject({
      filename: 'spend.png',
      title: 'Spend',
      channel: 'C01GPU',
      mimetype: 'image/png',
    });
    expect(upload?.bytes).toEqual(bytes);
  });
});
