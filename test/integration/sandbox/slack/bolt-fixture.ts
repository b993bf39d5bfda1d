/** A real Bolt app wired to the Slack stand-in, as podwarden's HTTP mode is, for the stand-in's tests. */
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterEach } from 'vitest';
import {
  type SlackStandIn,
  type SlackStandInOptions,
  startSlackStandIn,
} from '../../../../src/sandbox/slack/start-slack-stand-in.js';

/** Bolt's (and the Web API client's) logger, silenced. */
export const quietLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export type BoltPair = { standIn: SlackStandIn; app: App; close(): Promise<void> };

/**
 * Starts the stand-in, then a Bolt app on 127.0.0.1:0 whose handlers `register` adds, and points
 * the stand-in at the app's /slack/events.
 */
export async function startBoltPair(
  options: SlackStandInOptions,
  register: (app: App) => void,
): Promise<BoltPair> {
  // A generous ack budget keeps slow machines green; a timeout test sets its own.
  const standIn = await startSlackStandIn({ limits: { responseTimeoutMs: 15_000 }, ...options });
  const app = new App({
    signingSecret: options.signingSecret,
    token: options.botToken,
    botId: 'B0BOT',
    botUserId: 'U0BOT',
    convoStore: false,
    logger: quietLogger,
    clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 }, timeout: 5_000 },
  });
  register(app);
  let server: Awaited<ReturnType<App['start']>>;
  try {
    server = await app.start({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await standIn.close();
    throw error;
  }
  standIn.setBotUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  return {
    standIn,
    app,
    async close() {
      await app.stop();
      await standIn.close();
    },
  };
}

/**
 * For a test file whose tests each start their own pair: returns the starter, and closes every
 * pair a test started once it ends.
 */
export function boltPairPerTest(
  secrets: Pick<SlackStandInOptions, 'signingSecret' | 'botToken'>,
): (register: (app: App) => void, options?: Partial<SlackStandInOptions>) => Promise<BoltPair> {
  const open: BoltPair[] = [];
  afterEach(async () => {
    for (const pair of open.splice(0).reverse()) await pair.close();
  });
  return async (register, options = {}) => {
    const pair = await startBoltPair({ ...secrets, ...options }, register);
    open.push(pair);
    return pair;
  };
}
