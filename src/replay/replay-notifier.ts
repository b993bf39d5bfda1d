import { includesEntries } from '../lib/includes-entries.js';
import type { Notifier, OutgoingMessage } from '../services/ports.js';

export type Posted = { channel: string; ts: string; message: OutgoingMessage };

/**
 * Slack for a replay: every post lands and is kept; owners have the time zones given (from the
 * trace's `<name>.zones.json`), everyone else none (DIGEST_TZ applies).
 */
export function createReplayNotifier(zones: ReadonlyMap<string, string> = new Map()): {
  notifier: Notifier;
  posts: Posted[];
} {
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
          includesEntries(p.message.metadata?.payload, metadata.payload),
      );
      return found ? { channel: found.channel, ts: found.ts } : null;
    },
    async update() {},
    async postEphemeral() {},
    async openDm(userId) {
      return userId;
    },
    async userTimeZone(userId) {
      return zones.get(userId) ?? null;
    },
    async uploadFile() {},
  };
  return { notifier, posts };
}
