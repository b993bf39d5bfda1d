/**
 * The stand-in's memory of the workspace: conversations, ephemeral messages, views, triggers,
 * response_urls, uploads and a call log. Every mutation emits a `change` so tests and the page
 * can follow along.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Clock } from '../../lib/clock.js';
import { withGeneratedIds } from './mint-ids.js';
import {
  dmChannelIdOf,
  type SandboxBot,
  type SandboxChannel,
  type SandboxUser,
} from './sandbox-directory.js';

export type Block = Record<string, unknown>;

export type SlackFile = {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  altText: string | null;
  size: number;
  /** Where the bytes can be fetched from this server. */
  url: string;
};

export type SlackMessage = {
  channel: string;
  ts: string;
  /** The author: a person's user id, or the bot user for the app's messages. */
  user: string;
  botId: string | null;
  text: string;
  blocks: Block[];
  threadTs: string | null;
  files: SlackFile[];
  edited: boolean;
  /** Message metadata posted with it (`event_type`, `event_payload`); absent when none. */
  metadata?: MessageMetadata;
};

export type MessageMetadata = { event_type: string; event_payload: Record<string, unknown> };

export type EphemeralMessage = {
  /** Its ts; pass it as `ephemeralId` to click its buttons. */
  id: string;
  channel: string;
  /** The only person who sees it. */
  user: string;
  ts: string;
  /** `slackbot` for Slack's own error notices (operation_timeout, dispatch_failed). */
  author: 'bot' | 'slackbot';
  text: string;
  blocks: Block[];
  threadTs: string | null;
  edited: boolean;
};

/** What a person typed: Slack shows it to them only, as the line above the app's answer. */
export type Invocation = { user: string; channel: string; text: string; ts: string };

export type TextObject = { type: string; text: string; emoji?: boolean };

export type SlackView = {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: TextObject;
  submit?: TextObject | null;
  close?: TextObject | null;
  blocks: Block[];
  private_metadata: string;
  callback_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  external_id: string;
};

export type StoredView = {
  view: SlackView;
  user: string;
  open: boolean;
  /** block_id → message, from a `response_action: errors` answer. */
  errors: Record<string, string>;
};

export type ChannelRecord = {
  id: string;
  name: string;
  kind: 'channel' | 'im';
  user: string | null;
  isPrivate: boolean;
  /** Whether the app is a member (invited, or joined with conversations.join). */
  botMember: boolean;
  /** Archived: readable, but nothing can be posted, shared or joined (`is_archived`). */
  archived?: boolean;
};

export type TriggerRecord = { issuedAt: number; used: boolean; user: string; fromViewId: string | null };

export type ResponseSource =
  | { kind: 'command'; channel: string; user: string }
  | { kind: 'message'; channel: string; ts: string; user: string }
  | { kind: 'ephemeral'; channel: string; ts: string; user: string };

export type ResponseUrlRecord = { id: string; issuedAt: number; uses: number; source: ResponseSource };

export type CallRecord = { method: string; params: Record<string, unknown>; at: Date };

export type UploadRecord = {
  id: string;
  filename: string;
  title: string;
  altText: string | null;
  length: number;
  bytes: Uint8Array | null;
  mimetype: string;
  url: string;
  /** Where completeUploadExternal shared it; null until then. */
  channel: string | null;
  ts: string | null;
};

export type DeliveryError = {
  kind: 'operation_timeout' | 'http_error' | 'invalid_response' | 'request_failed';
  payload: string;
  user: string | null;
  status: number | null;
  detail: string;
  at: Date;
};

export type StandInWarning = { method: string; message: string; at: Date };

export type StandInChange = {
  kind: 'message' | 'ephemeral' | 'invocation' | 'view' | 'file' | 'error';
  channel?: string;
  user?: string;
};

export type StandInState = {
  clock: Clock;
  bot: SandboxBot;
  users: Map<string, SandboxUser>;
  channels: Map<string, ChannelRecord>;
  /** The bot token's scopes (manifest.yml's); methods needing another answer `missing_scope`. */
  scopes: Set<string>;
  openedDms: Set<string>;
  messages: Map<string, SlackMessage[]>;
  ephemerals: EphemeralMessage[];
  invocations: Invocation[];
  views: Map<string, StoredView>;
  /** user → ids of their open modal views, root first. */
  stacks: Map<string, string[]>;
  /** user → id of their published Home tab view. */
  homes: Map<string, string>;
  triggers: Map<string, TriggerRecord>;
  responseUrls: Map<string, ResponseUrlRecord>;
  calls: CallRecord[];
  uploads: Map<string, UploadRecord>;
  deliveryErrors: DeliveryError[];
  warnings: StandInWarning[];
  emitter: EventEmitter;
  /** A fresh message ts, unique and increasing (`1700000000.000100`). */
  nextTs(): string;
  nextId(prefix: string): string;
};

/** The bot scopes of manifest.yml. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:join',
  'channels:read',
  'groups:read',
  'im:write',
  'users:read',
  'files:write',
] as const;

export function createStandInState(options: {
  clock: Clock;
  bot: SandboxBot;
  users: readonly SandboxUser[];
  channels: readonly SandboxChannel[];
}): StandInState {
  const channels = new Map<string, ChannelRecord>();
  for (const channel of options.channels) {
    channels.set(channel.id, {
      id: channel.id,
      name: channel.name,
      kind: 'channel',
      user: null,
      isPrivate: channel.isPrivate ?? false,
      botMember: channel.botMember ?? true,
    });
  }
  for (const user of options.users) {
    const id = dmChannelIdOf(user.id);
    channels.set(id, { id, name: user.name, kind: 'im', user: user.id, isPrivate: true, botMember: true });
  }
  let lastMicros = 0;
  let sequence = 0;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  return {
    clock: options.clock,
    bot: options.bot,
    users: new Map(options.users.map((user) => [user.id, user])),
    channels,
    scopes: new Set(BOT_SCOPES),
    openedDms: new Set(),
    messages: new Map(),
    ephemerals: [],
    invocations: [],
    views: new Map(),
    stacks: new Map(),
    homes: new Map(),
    triggers: new Map(),
    responseUrls: new Map(),
    calls: [],
    uploads: new Map(),
    deliveryErrors: [],
    warnings: [],
    emitter,
    nextTs: () => {
      lastMicros = Math.max(options.clock.now().getTime() * 1000, lastMicros + 1);
      return `${Math.floor(lastMicros / 1_000_000)}.${String(lastMicros % 1_000_000).padStart(6, '0')}`;
    },
    nextId: (prefix) => {
      sequence += 1;
      return `${prefix}${String(sequence).padStart(6, '0')}${randomBytes(2).toString('hex').toUpperCase()}`;
    },
  };
}

export function emitChange(state: StandInState, change: StandInChange): void {
  state.emitter.emit('change', change);
}

export function channelMessages(state: StandInState, channel: string): SlackMessage[] {
  let list = state.messages.get(channel);
  if (!list) {
    list = [];
    state.messages.set(channel, list);
  }
  return list;
}

export function appendMessage(
  state: StandInState,
  input: Omit<SlackMessage, 'ts' | 'edited' | 'blocks'> & { blocks: readonly Block[] },
): SlackMessage {
  const message: SlackMessage = {
    ...input,
    blocks: withGeneratedIds(input.blocks),
    ts: state.nextTs(),
    edited: false,
  };
  channelMessages(state, input.channel).push(message);
  emitChange(state, { kind: 'message', channel: input.channel });
  return message;
}

export function appendEphemeral(
  state: StandInState,
  input: Omit<EphemeralMessage, 'id' | 'ts' | 'edited' | 'blocks'> & { blocks: readonly Block[] },
): EphemeralMessage {
  const ts = state.nextTs();
  const ephemeral: EphemeralMessage = {
    ...input,
    blocks: withGeneratedIds(input.blocks),
    id: ts,
    ts,
    edited: false,
  };
  state.ephemerals.push(ephemeral);
  emitChange(state, { kind: 'ephemeral', channel: input.channel, user: input.user });
  return ephemeral;
}

export function findMessage(state: StandInState, channel: string, ts: string): SlackMessage | undefined {
  return state.messages.get(channel)?.find((message) => message.ts === ts);
}

export function recordDeliveryError(state: StandInState, error: Omit<DeliveryError, 'at'>): void {
  state.deliveryErrors.push({ ...error, at: state.clock.now() });
  emitChange(state, { kind: 'error', ...(error.user ? { user: error.user } : {}) });
}

/** The open modal stack of a user, root first. */
export function openStack(state: StandInState, user: string): StoredView[] {
  const ids = state.stacks.get(user) ?? [];
  return ids.flatMap((id) => {
    const stored = state.views.get(id);
    return stored?.open ? [stored] : [];
  });
}
