/**
 * Which failures of chat.postMessage prove nothing was posted, as WebClient throws them: checked
 * against the Slack stand-in, whose 429 and held answers are what Slack does.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../../../src/sandbox/slack/start-slack-stand-in.js';
import { createSlackClient } from '../../../src/slack/create-slack-app.js';
import { failedPostOutcome } from '../../../src/slack/slack-outcome.js';

let slack: SlackStandIn | null = null;
afterEach(async () => {
  await slack?.close();
  slack = null;
});

async function failedPost(fault: 'rate_limited' | 'late', times: number) {
  slack = await startSlackStandIn({ signingSecret: 'secret', botToken: 'xoxb-test' });
  const client = createSlackClient({
    botToken: 'xoxb-test',
    apiUrl: slack.apiUrl,
    logger: pino({ level: 'silent' }),
    timeoutMs: 300,
  });
  slack.faults.inject('chat.postMessage', fault, times);
  try {
    await client.chat.postMessage({ channel: 'C01GPU', text: 'hello' });
  } catch (error) {
    return failedPostOutcome(error);
  }
  throw new Error('the post succeeded');
}

describe('failedPostOutcome', () => {
  it('429 on every attempt, retries used up: not sent', { timeout: 20_000 }, async () => {
    expect((await failedPost('rate_limited', 5)).kind).toBe('not_sent');
    expect(slack?.conversation('C01GPU')).toEqual([]);
  });

  it('posted, answer lost (client timeout): unknown', async () => {
    expect((await failedPost('late', 1)).kind).toBe('unknown');
    expect(slack?.conversation('C01GPU')).toHaveLength(1);
  });
});
