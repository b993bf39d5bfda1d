/**
 * Slack's channel rules for an app (slack-platform.md "Scopes and surfaces"), and the methods that
 * reveal and change membership: conversations.info and conversations.join.
 *
 * - A DM, or a channel the app is a member of: everything works.
 * - A public channel it is not in: chat.postMessage works with `chat:write.public`, otherwise
 *   `not_in_channel`; chat.postEphemeral and sharing a file answer `not_in_channel`.
 * - A private channel it is not in is invisible: `channel_not_found` for everything,
 *   conversations.info included.
 * - conversations.join works on public channels only and needs `channels:join`.
 * - An archived channel takes nothing: posts, ephemerals, files and joins answer `is_archived`.
 *
 * Not verified against Slack itself (no workspace from here): chat.update in a public channel the
 * app left is allowed, and conversations.join on a private channel answers
 * `method_not_supported_for_channel_type` when the app can see it (it never can here).
 */
import { z } from 'zod';
import { resolveChannel } from './chat-methods.js';
import type { ChannelRecord, StandInState } from './stand-in-state.js';
import { type ApiResponse, fail, readParams } from './web-api-params.js';

export type ChannelUse = 'post' | 'ephemeral' | 'file' | 'update';

/** Null when the app may do this in the channel; otherwise Slack's error answer. */
export function channelDenial(
  state: StandInState,
  channel: ChannelRecord,
  use: ChannelUse,
): ApiResponse | null {
  if (channel.archived) return fail('is_archived');
  if (channel.kind === 'im' || channel.botMember) return null;
  if (channel.isPrivate) return fail('channel_not_found');
  if (use === 'update') return null;
  if (use === 'post' && state.scopes.has('chat:write.public')) return null;
  return fail('not_in_channel');
}

const missingScope = (state: StandInState, needed: string): ApiResponse =>
  fail('missing_scope', { needed, provided: [...state.scopes].join(',') });

const ChannelParams = z.object({ channel: z.string().min(1) });

export function conversationsInfo(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(ChannelParams, params.channel === undefined ? params : { channel: params.channel });
  if (!read.ok) return read.response;
  const channel = resolveChannel(state, read.value.channel, false);
  if (!channel || (channel.isPrivate && !channel.botMember && channel.kind !== 'im')) {
    return fail('channel_not_found');
  }
  if (channel.kind === 'im') {
    return { ok: true, channel: { id: channel.id, is_im: true, user: channel.user, is_member: true } };
  }
  const scope = channel.isPrivate ? 'groups:read' : 'channels:read';
  if (!state.scopes.has(scope)) return missingScope(state, scope);
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.isPrivate,
      is_group: false,
      is_im: false,
      is_private: channel.isPrivate,
      is_archived: channel.archived ?? false,
      is_member: channel.botMember,
    },
  };
}

export function conversationsJoin(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(ChannelParams, { channel: params.channel });
  if (!read.ok) return read.response;
  const channel = resolveChannel(state, read.value.channel, false);
  if (!channel || (channel.isPrivate && !channel.botMember)) return fail('channel_not_found');
  if (channel.kind === 'im' || channel.isPrivate) return fail('method_not_supported_for_channel_type');
  if (channel.archived) return fail('is_archived');
  if (!state.scopes.has('channels:join')) return missingScope(state, 'channels:join');
  const already = channel.botMember;
  channel.botMember = true;
  return {
    ok: true,
    channel: { id: channel.id, name: channel.name, is_channel: true, is_private: false, is_member: true },
    ...(already
      ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } }
      : {}),
  };
}
