/**
 * conversations.replies: a thread, its parent first and then its replies oldest first, replies
 * between `oldest` and `latest` (exclusive), `limit` per page with a cursor; `thread_not_found`
 * when `ts` is no message of the conversation. Message metadata with `include_all_metadata=true`.
 *
 * Not verified against Slack itself: whether the parent is left out when it is older than
 * `oldest` (here it is always the first message of the first page).
 */
import { z } from 'zod';
import { messageObject, resolveChannel } from './chat-methods.js';
import type { StandInState } from './stand-in-state.js';
import { type ApiResponse, fail, readParams } from './web-api-params.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;

const RepliesParams = z.object({
  channel: z.string().min(1),
  ts: z.string().min(1),
  oldest: z.string().optional(),
  latest: z.string().optional(),
  limit: z.coerce.number().int().positive().optional(),
  cursor: z.string().optional(),
  include_all_metadata: z.union([z.boolean(), z.string()]).optional(),
});

const tsValue = (ts: string | undefined, fallback: number): number => {
  const value = ts === undefined || ts === '' ? Number.NaN : Number(ts);
  return Number.isFinite(value) ? value : fallback;
};

export function conversationReplies(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(RepliesParams, params);
  if (!read.ok) return read.response;
  const { channel: channelId, ts, cursor } = read.value;
  const channel = resolveChannel(state, channelId, false);
  if (!channel) return fail('channel_not_found');
  const messages = state.messages.get(channel.id) ?? [];
  const parent = messages.find((m) => m.ts === ts);
  if (!parent) return fail('thread_not_found');
  const oldest = tsValue(read.value.oldest, 0);
  const latest = tsValue(read.value.latest, Number.POSITIVE_INFINITY);
  const limit = Math.min(read.value.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const withMetadata = read.value.include_all_metadata === true || read.value.include_all_metadata === 'true';
  const replies = messages
    .filter((m) => m.threadTs === ts && m.ts !== ts)
    .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest);
  const all = [parent, ...replies];
  const start = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace('next:', '')) : 0;
  if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  return {
    ok: true,
    messages: page.map((m) => messageObject(state, m, withMetadata)),
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(`next:${start + limit}`).toString('base64') : '' },
  };
}
