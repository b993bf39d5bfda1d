/**
 * conversations.history and conversations.replies, paged alike: `limit` per page with a cursor,
 * messages between `oldest` and `latest` (exclusive, as Slack's default), message metadata with
 * `include_all_metadata=true`.
 *
 * - history: a conversation's top-level messages, newest first; thread replies are not part of it.
 * - replies: a thread, its parent first and then its replies oldest first; `thread_not_found`
 *   when `ts` is no message of the conversation. Not verified against Slack itself: whether the
 *   parent is left out when it is older than `oldest` (here it is always the first message).
 */
import { z } from 'zod';
import { messageObject, resolveChannel } from './chat-methods.js';
import type { SlackMessage, StandInState } from './stand-in-state.js';
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

const RepliesParams = HistoryParams.extend({ ts: z.string().min(1) });

type Read = z.infer<typeof HistoryParams>;

const tsValue = (ts: string | undefined, fallback: number): number => {
  const value = ts === undefined || ts === '' ? Number.NaN : Number(ts);
  return Number.isFinite(value) ? value : fallback;
};

/** Whether a message falls between `oldest` and `latest`, both exclusive. */
function inRange(read: Read): (m: SlackMessage) => boolean {
  const oldest = tsValue(read.oldest, 0);
  const latest = tsValue(read.latest, Number.POSITIVE_INFINITY);
  return (m) => Number(m.ts) > oldest && Number(m.ts) < latest;
}

/** One page of `all` from the cursor on, with the cursor of the next. */
function page(state: StandInState, all: readonly SlackMessage[], read: Read): ApiResponse {
  const limit = Math.min(read.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const withMetadata = read.include_all_metadata === true || read.include_all_metadata === 'true';
  const start = read.cursor
    ? Number(Buffer.from(read.cursor, 'base64').toString('utf8').replace('next:', ''))
    : 0;
  if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
  const more = start + limit < all.length;
  return {
    ok: true,
    messages: all.slice(start, start + limit).map((m) => messageObject(state, m, withMetadata)),
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(`next:${start + limit}`).toString('base64') : '' },
  };
}

export function conversationHistory(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(HistoryParams, params);
  if (!read.ok) return read.response;
  const channel = resolveChannel(state, read.value.channel, false);
  if (!channel) return fail('channel_not_found');
  const all = (state.messages.get(channel.id) ?? [])
    .filter((m) => m.threadTs === null || m.threadTs === m.ts)
    .filter(inRange(read.value))
    .reverse();
  const answer = page(state, all, read.value);
  return answer.ok ? { ...answer, pin_count: 0 } : answer;
}

export function conversationReplies(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(RepliesParams, params);
  if (!read.ok) return read.response;
  const { ts } = read.value;
  const channel = resolveChannel(state, read.value.channel, false);
  if (!channel) return fail('channel_not_found');
  const messages = state.messages.get(channel.id) ?? [];
  const parent = messages.find((m) => m.ts === ts);
  if (!parent) return fail('thread_not_found');
  const replies = messages.filter((m) => m.threadTs === ts && m.ts !== ts).filter(inRange(read.value));
  return page(state, [parent, ...replies], read.value);
}
