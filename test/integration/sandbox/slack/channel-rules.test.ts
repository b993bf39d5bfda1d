import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../../../../src/sandbox/slack/start-slack-stand-in.js';
import { quietLogger } from './bolt-fixture.js';

/** The stand-in enforces Slack's channel rules for an app that was not invited. */
const botToken = 'xoxb-sandbox';
let standIn: SlackStandIn;
let client: InstanceType<typeof webApi.WebClient>;

beforeEach(async () => {
  standIn = await startSlackStandIn({ signingSecret: 'secret', botToken });
  standIn.addChannel({ id: 'C05PUBLIC', name: 'ml-random', botMember: false });
  standIn.addChannel({ id: 'C06SECRET', name: 'ml-private', isPrivate: true, botMember: false });
  client = new webApi.WebClient(botToken, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    logger: quietLogger,
  });
});

afterEach(async () => {
  await standIn.close();
});

const errorOf = async (call: Promise<unknown>): Promise<string | null> =>
  call.then(
    () => null,
    (e: unknown) => (e as { data?: { error?: string } }).data?.error ?? String(e),
  );

async function shareFile(channel: string): Promise<string | null> {
  const url = await client.files.getUploadURLExternal({ filename: 'chart.png', length: 3 });
  await fetch(url.upload_url ?? '', { method: 'POST', body: 'png' });
  return errorOf(
    client.files.completeUploadExternal({ files: [{ id: url.file_id ?? '' }], channel_id: channel }),
  );
}

describe('Slack channel rules in the stand-in', () => {
  it('a public channel the app is not in: text posts (chat:write.public), ephemerals and files do not', async () => {
    expect(await errorOf(client.chat.postMessage({ channel: 'C05PUBLIC', text: 'hi' }))).toBeNull();
    expect(
      await errorOf(client.chat.postEphemeral({ channel: 'C05PUBLIC', user: 'U02ALICE', text: 'x' })),
    ).toBe('not_in_channel');
    expect(await shareFile('C05PUBLIC')).toBe('not_in_channel');
    expect(await client.conversations.info({ channel: 'C05PUBLIC' })).toMatchObject({
      channel: { is_private: false, is_member: false },
    });
  });

  it('conversations.join makes the app a member of a public channel; then files and ephemerals work', async () => {
    expect(await client.conversations.join({ channel: 'C05PUBLIC' })).toMatchObject({ ok: true });
    expect(standIn.botIsMember('C05PUBLIC')).toBe(true);
    expect(await shareFile('C05PUBLIC')).toBeNull();
    expect(
      await errorOf(client.chat.postEphemeral({ channel: 'C05PUBLIC', user: 'U02ALICE', text: 'x' })),
    ).toBeNull();
  });

  it('a private channel the app is not in is invisible, and cannot be joined', async () => {
    for (const call of [
      client.chat.postMessage({ channel: 'C06SECRET', text: 'hi' }),
      client.chat.postEphemeral({ channel: 'C06SECRET', user: 'U02ALICE', text: 'x' }),
      client.conversations.info({ channel: 'C06SECRET' }),
      client.conversations.join({ channel: 'C06SECRET' }),
    ]) {
      expect(await errorOf(call)).toBe('channel_not_found');
    }
    expect(await shareFile('C06SECRET')).toBe('channel_not_found');
  });

  it('the channels the app was invited to work as before', async () => {
    expect(await client.conversations.info({ channel: 'C01GPU' })).toMatchObject({
      channel: { is_member: true },
    });
    expect(await shareFile('C01GPU')).toBeNull();
  });
});
