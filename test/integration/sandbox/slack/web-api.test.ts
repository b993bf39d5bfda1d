import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../../../src/lib/clock.js';
import { type SlackStandIn, startSlackStandIn } from '../../../../src/sandbox/slack/start-slack-stand-in.js';
import { quietLogger } from './bolt-fixture.js';

const botToken = 'xoxb-sandbox';
let clock: ManualClock;
let standIn: SlackStandIn;
let client: InstanceType<typeof webApi.WebClient>;

beforeEach(async () => {
  clock = createManualClock('2026-11-29T12:00:00Z');
  standIn = await startSlackStandIn({ signingSecret: 'secret', botToken, clock });
  client = new webApi.WebClient(botToken, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    timeout: 5_000,
    logger: quietLogger,
  });
});

afterEach(async () => {
  await standIn.close();
});

const platformError = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(webApi.WebAPIPlatformError);
  return (error as InstanceType<typeof webApi.WebAPIPlatformError>).data;
};

describe('Web API stand-in', () => {
  it("answers auth.test with the bot's identity and refuses missing or wrong tokens", async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEAM' });
    const stranger = new webApi.WebClient('xoxb-wrong', {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
      logger: quietLogger,
    });
    expect((await platformError(stranger.auth.test())).error).toBe('invalid_auth');
    const response = await fetch(`${standIn.apiUrl}auth.test`, { method: 'POST' });
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('posts to a channel, accepts JSON bodies and a token field, and logs the calls without tokens', async () => {
    // Bolt's clients add team_id to every call; unknown fields are ignored.
    const posted = await client.apiCall('chat.postMessage', {
      channel: 'C01GPU',
      text: 'hello team',
      team_id: 'T0TEAM',
    });
    expect(posted).toMatchObject({ ok: true, channel: 'C01GPU' });
    const viaJson = await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: botToken, channel: 'C01GPU', text: 'second' }),
    });
    expect(await viaJson.json()).toMatchObject({ ok: true, channel: 'C01GPU' });
    expect(standIn.conversation('C01GPU').map((m) => [m.text, m.user, m.botId])).toEqual([
      ['hello team', 'U0BOT', 'B0BOT'],
      ['second', 'U0BOT', 'B0BOT'],
    ]);
    const [first, second] = standIn.conversation('C01GPU');
    expect(Number(second?.ts)).toBeGreaterThan(Number(first?.ts));
    expect(standIn.callsTo('chat.postMessage')[0]?.params).toMatchObject({
      channel: 'C01GPU',
      text: 'hello team',
    });
    expect(JSON.stringify(standIn.calls)).not.toContain(botToken);
  });

  it("posts to a user id into that user's DM with the app", async () => {
    const posted = await client.chat.postMessage({ channel: 'U02ALICE', text: 'your pod is idle' });
    expect(posted.channel).toBe('D02ALICE');
    expect(standIn.dmChannelOf('U02ALICE')).toBe('D02ALICE');
    expect(standIn.conversation('D02ALICE').map((m) => m.text)).toEqual(['your pod is idle']);
    const opened = await client.conversations.open({ users: 'U02ALICE' });
    expect(opened.channel?.id).toBe('D02ALICE');
    expect(opened.already_open).toBe(true);
    expect((await platformError(client.conversations.open({ users: 'U09NOBODY' }))).error).toBe(
      'user_not_found',
    );
  });

  it('updates a message in place and refuses unknown messages', async () => {
    const posted = await client.chat.postMessage({
      channel: 'C01GPU',
      text: 'llama-ft is idle',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'llama-ft is idle' } }],
    });
    await client.chat.update({ channel: 'C01GPU', ts: posted.ts ?? '', text: 'Stopped by @ada' });
    const [message] = standIn.conversation('C01GPU');
    expect(message).toMatchObject({ text: 'Stopped by @ada', edited: true, ts: posted.ts });
    expect(message?.blocks).toHaveLength(1); // Slack keeps the blocks when an update carries none
    await client.chat.update({ channel: 'C01GPU', ts: posted.ts ?? '', text: 'gone', blocks: [] });
    expect(standIn.conversation('C01GPU')[0]?.blocks).toEqual([]);
    expect(
      (await platformError(client.chat.update({ channel: 'C01GPU', ts: '1.000001', text: 'x' }))).error,
    ).toBe('message_not_found');
  });

  it('rejects blocks over the limits with invalid_blocks and messages, and no text with no_text', async () => {
    const data = await platformError(
      client.chat.postMessage({
        channel: 'C01GPU',
        text: 'too long',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
      }),
    );
    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect((await platformError(client.chat.postMessage({ channel: 'C01GPU', text: '' }))).error).toBe(
      'no_text',
    );
    expect((await platformError(client.chat.postMessage({ channel: 'C99', text: 'x' }))).error).toBe(
      'channel_not_found',
    );
    expect(standIn.conversation('C01GPU')).toEqual([]);
  });

  it('records a warning, not a failure, for blocks without fallback text', async () => {
    await client.chat.postMessage({
      channel: 'C01GPU',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'no fallback' } }],
    } as Parameters<typeof client.chat.postMessage>[0]);
    expect(standIn.conversation('C01GPU')).toHaveLength(1);
    expect(standIn.warnings.map((w) => w.method)).toEqual(['chat.postMessage']);
  });

  it('keeps ephemeral messages for their one reader and refuses them in DMs of others', async () => {
    const posted = await client.chat.postEphemeral({
      channel: 'C01GPU',
      user: 'U03BOB',
      text: 'only for Bob',
    });
    expect(posted.message_ts).toBeTruthy();
    expect(standIn.ephemerals('U03BOB').map((e) => e.text)).toEqual(['only for Bob']);
    expect(standIn.ephemerals('U02ALICE')).toEqual([]);
    expect(standIn.conversation('C01GPU')).toEqual([]);
    expect(
      (await platformError(client.chat.postEphemeral({ channel: 'D02ALICE', user: 'U03BOB', text: 'x' })))
        .error,
    ).toBe('user_not_in_channel');
  });

  it('threads replies under their parent and deletes messages', async () => {
    const parent = await client.chat.postMessage({ channel: 'D03BOB', text: 'idle prompt' });
    await client.chat.postMessage({ channel: 'D03BOB', text: 'reminder', thread_ts: parent.ts ?? '' });
    expect(standIn.thread('D03BOB', parent.ts ?? '').map((m) => m.text)).toEqual(['reminder']);
    await client.chat.delete({ channel: 'D03BOB', ts: parent.ts ?? '' });
    expect(standIn.conversation('D03BOB').map((m) => m.text)).toEqual(['reminder']);
  });

  it('reads a thread with conversations.replies: the parent, then its replies with their metadata', async () => {
    const parent = await client.chat.postMessage({ channel: 'C01GPU', text: 'prompt' });
    clock.advance(60_000);
    await client.chat.postMessage({
      channel: 'C01GPU',
      text: 'escalation',
      thread_ts: parent.ts,
      metadata: { event_type: 'podwarden_idle_escalation', event_payload: { episode: 'e1' } },
    });
    await client.chat.postMessage({ channel: 'C01GPU', text: 'elsewhere' });
    const thread = await client.conversations.replies({
      channel: 'C01GPU',
      ts: parent.ts ?? '',
      include_all_metadata: true,
    });
    expect(thread.messages?.map((m) => m.text)).toEqual(['prompt', 'escalation']);
    expect(thread.messages?.[1]?.metadata).toEqual({
      event_type: 'podwarden_idle_escalation',
      event_payload: { episode: 'e1' },
    });
    const history = await client.conversations.history({ channel: 'C01GPU' });
    expect(history.messages?.map((m) => m.text)).toEqual(['elsewhere', 'prompt']);
    expect(
      (await platformError(client.conversations.replies({ channel: 'C01GPU', ts: '1.000000' }))).error,
    ).toBe('thread_not_found');
  });

  it("reports a user's time zone with its offset and label", async () => {
    const info = await client.users.info({ user: 'U01ADA' });
    expect(info.user).toMatchObject({
      id: 'U01ADA',
      real_name: 'Ada',
      tz: 'Europe/Berlin',
      tz_offset: 3600,
      tz_label: 'Central European Standard Time',
      is_bot: false,
    });
    const alice = await client.users.info({ user: 'U02ALICE' });
    expect(alice.user?.tz_offset).toBe(-5 * 3600);
    expect((await platformError(client.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
  });

  it('lets a trigger_id open one modal within 3 seconds, once', async () => {
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Deploy a pod' },
      blocks: [],
    };
    const fresh = standIn.mintTrigger('U01ADA');
    clock.advance(2_900);
    const opened = await client.views.open({ trigger_id: fresh, view });
    expect(opened.view?.id).toMatch(/^V/);
    expect(standIn.openViews('U01ADA').map((s) => s.view.title?.text)).toEqual(['Deploy a pod']);
    expect((await platformError(client.views.open({ trigger_id: fresh, view }))).error).toBe(
      'exchanged_trigger_id',
    );
    const stale = standIn.mintTrigger('U01ADA');
    clock.advance(3_001);
    expect((await platformError(client.views.open({ trigger_id: stale, view }))).error).toBe(
      'expired_trigger_id',
    );
    expect((await platformError(client.views.open({ trigger_id: '1.2.3', view }))).error).toBe(
      'invalid_trigger_id',
    );
  });

  it('updates an open modal by id with hash checks, and refuses views over the limits', async () => {
    const opened = await client.views.open({
      trigger_id: standIn.mintTrigger('U02ALICE'),
      view: { type: 'modal', title: { type: 'plain_text', text: 'Loading…' }, blocks: [] },
    });
    const id = opened.view?.id ?? '';
    const hash = opened.view?.hash ?? '';
    const filled = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Deploy a pod' },
      blocks: [],
    };
    await client.views.update({ view_id: id, hash, view: filled });
    expect(standIn.openViews('U02ALICE')[0]?.view.title?.text).toBe('Deploy a pod');
    expect((await platformError(client.views.update({ view_id: id, hash, view: filled }))).error).toBe(
      'hash_conflict',
    );
    const tooLong = await platformError(
      client.views.update({
        view_id: id,
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'A title far beyond 24 chars' },
          blocks: [],
        },
      }),
    );
    expect(tooLong.error).toBe('invalid_arguments');
    expect(tooLong.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
    expect((await platformError(client.views.update({ view_id: 'V404', view: filled }))).error).toBe(
      'not_found',
    );
  });

  it('publishes a Home tab per user', async () => {
    await client.views.publish({
      user_id: 'U03BOB',
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your pods' } }] },
    });
    expect(standIn.homeView('U03BOB')?.blocks).toHaveLength(1);
    expect(standIn.homeView('U02ALICE')).toBeNull();
  });

  it('takes a chart through files upload v2 and shares it into the channel as a message', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await client.filesUploadV2({
      channel_id: 'C01GPU',
      file: png,
      filename: 'spend.png',
      title: 'Spend, last 14 days',
      alt_text: 'spend by owner',
      initial_comment: 'Daily digest chart',
    });
    expect(standIn.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(standIn.callsTo('files.completeUploadExternal')).toHaveLength(1);
    const [message] = standIn.conversation('C01GPU');
    expect(message?.text).toBe('Daily digest chart');
    expect(message?.files.map((f) => [f.name, f.title, f.mimetype, f.size])).toEqual([
      ['spend.png', 'Spend, last 14 days', 'image/png', png.length],
    ]);
    const served = await fetch(message?.files[0]?.url ?? '');
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    expect(standIn.uploads[0]?.altText).toBe('spend by owner');
  });
});
