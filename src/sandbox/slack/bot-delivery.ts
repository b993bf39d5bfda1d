/**
 * Sending into the bot as Slack does: a signed v0 request (`X-Slack-Request-Timestamp`,
 * `X-Slack-Signature`) with the exact Content-Type and a string body, timed against Slack's
 * response budget. Failed deliveries are recorded the way Slack would have reported them.
 */
import { type Clock, systemClock } from '../../lib/clock.js';
import { postToBot } from './post-to-bot.js';
import { signSlackRequest } from './sign-slack-request.js';
import { recordDeliveryError, type StandInState } from './stand-in-state.js';

export type Delivery = {
  status: number;
  body: string;
  ms: number;
  /** The bot answered after the response budget: Slack would have shown `operation_timeout`. */
  timedOut: boolean;
};

/** For negative tests: a timestamp or signature other than the right ones. */
export type SignOverrides = { timestamp?: number | string; signature?: string };

export type BotSender = {
  setBotUrl(url: string): void;
  send(body: string, contentType: string, overrides?: SignOverrides): Promise<Delivery>;
  readonly responseTimeoutMs: number;
};

export function createBotSender(options: {
  signingSecret: string;
  responseTimeoutMs: number;
  /** Bolt checks request timestamps against real time, so signing uses it whatever Slack's clock says. */
  signingClock?: Clock;
}): BotSender {
  const signingClock = options.signingClock ?? systemClock;
  let botUrl: string | null = null;
  return {
    responseTimeoutMs: options.responseTimeoutMs,
    setBotUrl: (url) => {
      botUrl = url;
    },
    send: async (body, contentType, overrides = {}) => {
      if (!botUrl) throw new Error('setBotUrl() first: the stand-in does not know where the bot listens');
      const timestamp = overrides.timestamp ?? Math.floor(signingClock.now().getTime() / 1000);
      const signature = overrides.signature ?? signSlackRequest(options.signingSecret, timestamp, body);
      const answer = await postToBot(botUrl, body, {
        'Content-Type': contentType,
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': signature,
        'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      });
      return { ...answer, timedOut: answer.status !== 0 && answer.ms > options.responseTimeoutMs };
    },
  };
}

/** True when Slack would use the answer; otherwise records why it would not. */
export function acceptDelivery(
  state: StandInState,
  delivery: Delivery,
  context: { payload: string; user: string; budgetMs: number },
): boolean {
  const { payload, user } = context;
  if (delivery.status === 0) {
    recordDeliveryError(state, {
      kind: 'request_failed',
      payload,
      user,
      status: null,
      detail: delivery.body,
    });
    return false;
  }
  if (delivery.timedOut) {
    recordDeliveryError(state, {
      kind: 'operation_timeout',
      payload,
      user,
      status: delivery.status,
      detail: `answered after ${delivery.ms} ms (budget ${context.budgetMs} ms)`,
    });
    return false;
  }
  if (delivery.status !== 200) {
    recordDeliveryError(state, {
      kind: 'http_error',
      payload,
      user,
      status: delivery.status,
      detail: delivery.body.slice(0, 500),
    });
    return false;
  }
  return true;
}
