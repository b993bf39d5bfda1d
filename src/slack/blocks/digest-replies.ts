import type { DigestSubscription } from '../../domain/digest-subscription.js';
import { escapeMrkdwn } from '../../lib/escape.js';
import { slackDate } from '../../lib/slack-date.js';
import type { Reply } from '../context.js';
import { mention } from './format.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Announced in the channel: the team sees who subscribed it, when digests come, and the first one. */
export function buildSubscribedReply(subscription: DigestSubscription, next: Date | null, now: Date): Reply {
  const at = `${pad(subscription.hour)}:${pad(subscription.minute)} ${escapeMrkdwn(subscription.timeZone)} time`;
  const first = next
    ? ` The first one comes ${slackDate(next, now, subscription.timeZone)} (your time).`
    : '';
  return {
    text: `${mention(subscription.subscribedBy)} subscribed this channel to the daily GPU cost digest at ${at}.${first} \`/pod digest now\` posts one right away, \`/pod digest off\` stops them.`,
  };
}

export function buildUnsubscribedReply(userId: string, removed: boolean): Reply {
  return removed
    ? { text: `${mention(userId)} unsubscribed this channel from the daily GPU cost digest.` }
    : {
        text: 'This channel has no daily digest to switch off. `/pod digest here 09:00 Europe/Berlin` subscribes it.',
      };
}
