/** chat.postMessage, chat.update, chat.postEphemeral and chat.delete, with Slack's rules. */
import { z } from 'zod';
import { channelDenial } from './channel-methods.js';
import { checkMessage } from './check-block-kit.js';
import { withGeneratedIds } from './mint-ids.js';
import { dmChannelIdOf } from './sandbox-directory.js';
import {
  appendEphemeral,
  appendMessage,
  type Block,
  type ChannelRecord,
  emitChange,
  findMessage,
  type MessageMetadata,
  type SlackMessage,
  type StandInState,
} from './stand-in-state.js';
import { type ApiResponse, fail, invalidBlocks, readParams } from './web-api-params.js';

const MAX_TEXT = 40_000;

/** C…/D… ids as they are; a U… id is that person's DM with the app. */
export function resolveChannel(state: StandInState, id: string, allowUser = true): ChannelRecord | null {
  if (allowUser && id.startsWith('U') && state.users.has(id)) {
    state.openedDms.add(id);
    return state.channels.get(dmChannelIdOf(id)) ?? null;
  }
  return state.channels.get(id) ?? null;
}

/** The Web API's view of a stored message; its metadata only when asked for (conversations.history). */
export function messageObject(
  state: StandInState,
  message: SlackMessage,
  withMetadata = false,
): Record<string, unknown> {
  return {
    type: 'message',
    ...(message.botId ? { subtype: 'bot_message', bot_id: message.botId } : {}),
    user: message.user,
    text: message.text,
    blocks: message.blocks,
    ts: message.ts,
    team: state.bot.teamId,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.files.length > 0 ? { files: message.files } : {}),
    ...(message.edited ? { edited: { user: message.user, ts: message.ts } } : {}),
    ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}),
  };
}

type Content = { text: string; blocks: Block[] | undefined; warnings: string[] };

/** Checks text and blocks the way Slack does; the content to store, or the error answer. */
export function checkContent(
  state: StandInState,
  method: string,
  input: { text?: string | undefined; blocks?: unknown },
  requireSome = true,
): { ok: true; content: Content } | { ok: false; response: ApiResponse } {
  const text = input.text ?? '';
  const hasBlocks = Array.isArray(input.blocks) && input.blocks.length > 0;
  if (requireSome && text.trim().length === 0 && !hasBlocks) return { ok: false, response: fail('no_text') };
  if (text.length > MAX_TEXT) return { ok: false, response: fail('msg_too_long') };
  const report = checkMessage({ text, blocks: input.blocks });
  if (report.errors.length > 0) return { ok: false, response: invalidBlocks(report.errors) };
  for (const warning of report.warnings) {
    state.warnings.push({ method, message: warning, at: state.clock.now() });
  }
  const blocks = input.blocks === undefined || input.blocks === null ? undefined : (input.blocks as Block[]);
  return { ok: true, content: { text, blocks, warnings: report.warnings } };
}

/** Slack's answer to a message without fallback text: ok, with a warning. */
function warningFields(warnings: readonly string[]): Record<string, unknown> {
  return warnings.length > 0
    ? { warning: 'missing_text', response_metadata: { warnings: ['missing_text'] } }
    : {};
}

const PostMessageParams = z.object({
  channel: z.string().min(1),
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  thread_ts: z.string().min(1).optional(),
  metadata: z.unknown().optional(),
});

/** Slack's message metadata: an `event_type` and an `event_payload` object. */
const MetadataSchema = z.object({
  event_type: z.string().regex(/^[a-zA-Z0-9_]{1,255}$/),
  event_payload: z.record(z.string(), z.unknown()),
});

export function postMessage(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(PostMessageParams, params);
  if (!read.ok) return read.response;
  const { channel: channelId, thread_ts: threadTs } = read.value;
  const channel = resolveChannel(state, channelId);
  if (!channel) return fail('channel_not_found');
  const denied = channelDenial(state, channel, 'post');
  if (denied) return denied;
  const checked = checkContent(state, 'chat.postMessage', read.value);
  if (!checked.ok) return checked.response;
  let metadata: MessageMetadata | undefined;
  if (read.value.metadata !== undefined) {
    const parsed = MetadataSchema.safeParse(read.value.metadata);
    if (!parsed.success) return fail('invalid_metadata_format');
    metadata = parsed.data;
  }
  let parentTs: string | null = null;
  if (threadTs) {
    const parent = findMessage(state, channel.id, threadTs);
    if (!parent) return fail('thread_not_found');
    parentTs = parent.threadTs ?? parent.ts;
  }
  const message = appendMessage(state, {
    channel: channel.id,
    user: state.bot.userId,
    botId: state.bot.botId,
    text: checked.content.text,
    blocks: checked.content.blocks ?? [],
    threadTs: parentTs,
    files: [],
    ...(metadata ? { metadata } : {}),
  });
  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    message: messageObject(state, message),
    ...warningFields(checked.content.warnings),
  };
}

const UpdateParams = z.object({
  channel: z.string().min(1),
  ts: z.string().min(1),
  text: z.string().optional(),
  blocks: z.unknown().optional(),
});

export function updateMessage(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(UpdateParams, params);
  if (!read.ok) return read.response;
  const channel = resolveChannel(state, read.value.channel, false);
  if (!channel) return fail('channel_not_found');
  const message = findMessage(state, channel.id, read.value.ts);
  if (!message) {
    const ephemeral = state.ephemerals.some((e) => e.ts === read.value.ts);
    return fail(ephemeral ? 'cant_update_message' : 'message_not_found');
  }
  if (message.botId !== state.bot.botId) return fail('cant_update_message');
  const checked = checkContent(state, 'chat.update', read.value);
  if (!checked.ok) return checked.response;
  message.text = checked.content.text;
  // Slack keeps the previous blocks when the update carries none; an empty array removes them.
  if (checked.content.blocks !== undefined) {
    message.blocks = withGeneratedIds(checked.content.blocks);
  }
  message.edited = true;
  emitChange(state, { kind: 'message', channel: channel.id });
  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    text: message.text,
    message: messageObject(state, message),
  };
}

const PostEphemeralParams = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  thread_ts: z.string().min(1).optional(),
});

export function postEphemeral(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(PostEphemeralParams, params);
  if (!read.ok) return read.response;
  const channel = resolveChannel(state, read.value.channel);
  if (!channel) return fail('channel_not_found');
  const denied = channelDenial(state, channel, 'ephemeral');
  if (denied) return denied;
  if (!state.users.has(read.value.user)) return fail('user_not_found');
  if (channel.kind === 'im' && channel.user !== read.value.user) return fail('user_not_in_channel');
  const checked = checkContent(state, 'chat.postEphemeral', read.value);
  if (!checked.ok) return checked.response;
  const ephemeral = appendEphemeral(state, {
    channel: channel.id,
    user: read.value.user,
    author: 'bot',
    text: checked.content.text,
    blocks: checked.content.blocks ?? [],
    threadTs: read.value.thread_ts ?? null,
  });
  return { ok: true, message_ts: ephemeral.ts };
}

const DeleteParams = z.object({ channel: z.string().min(1), ts: z.string().min(1) });

export function deleteMessage(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(DeleteParams, params);
  if (!read.ok) return read.response;
  const channel = resolveChannel(state, read.value.channel, false);
  if (!channel) return fail('channel_not_found');
  const list = state.messages.get(channel.id) ?? [];
  const index = list.findIndex((message) => message.ts === read.value.ts);
  const message = list[index];
  if (!message) return fail('message_not_found');
  if (message.botId !== state.bot.botId) return fail('cant_delete_message');
  list.splice(index, 1);
  emitChange(state, { kind: 'message', channel: channel.id });
  return { ok: true, channel: channel.id, ts: read.value.ts };
}
