/**
 * conversations.history: a conversation's top-level messages, newest first, between `oldest` and
 * `latest` (exclusive, as Slack's default), `limit` per page with a cursor. Message metadata is
 * returned with `include_all_metadata=true`. Thread replies are not part of history.
 */
import { z } from 'zod';
import { messageObject, resolveChannel } from './chat-methods.js';
import type { StandInState } from './stand-in-state.js';
import { type ApiResponse, fail, readParams } from './web-api-params.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;

const HistoryParams = z.object({
  channel: z.string().min(1),
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

export function conversationHistory(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(HistoryParams, params);
  if (!read.ok) return read.response;
  const { channel: channelId, cursor } = read.value;
  const channel = resolveChannel(state, channelId, false);
  if (!channel) return fail('channel_not_found');
  const oldest = tsValue(read.value.oldest, 0);
  const latest = tsValue(read.value.latest, Number.POSITIVE_INFINITY);
  const limit = Math.min(read.value.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const withMetadata = read.value.include_all_metadata === true || read.value.include_all_metadata === 'true';
  const all = (state.messages.get(channel.id) ?? [])
    .filter((m) => m.threadTs === null || m.threadTs === m.ts)
    .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest)
    .reverse();
  const start = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace('next:', '')) : 0;
  if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  return {
    ok: true,
    messages: page.map((m) => messageObject(state, m, withMetadata)),
    has_more: more,
    pin_count: 0,
    response_metadata: { next_cursor: more ? Buffer.from(`next:${start + limit}`).toString('base64') : '' },
  };
}
