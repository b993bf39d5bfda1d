import type { Notifier, OutgoingMessage } from '../services/ports.js';

export type Posted = { channel: string; ts: string; message: OutgoingMessage };

/** Slack for a replay: every post lands and is kept, nobody has a time zone (DIGEST_TZ applies). */
export function createReplayNotifier(): { notifier: Notifier; posts: Posted[] } {
  const posts: Posted[] = [];
  let seq = 0;
  const notifier: Notifier = {
    async post(channel, message) {
      seq++;
      const place = { channel, ts: `${seq}.000000` };
      posts.push({ ...place, message });
      return place;
    },
    async postOnce(channel, message) {
      return { kind: 'posted', ...(await notifier.post(channel, message)) };
    },
    async findPosted(channel, metadata) {
      const found = posts.find(
        (p) =>
          p.channel === channel &&
          p.message.metadata?.eventType === metadata.eventType &&
          Object.entries(metadata.payload).every(([k, v]) => p.message.metadata?.payload[k] === v),
      );
      return found ? { channel: found.channel, ts: found.ts } : null;
    },
    async update() {},
    async postEphemeral() {},
    async openDm(userId) {
      return userId;
    },
    async userTimeZone() {
      return null;
    },
    async uploadFile() {},
  };
  return { notifier, posts };
}
