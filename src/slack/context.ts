import type { Logger } from '../lib/logger.js';
import type { Blocks } from '../services/ports.js';
import type { SlackDeps } from './deps.js';

export type Reply = { text: string; blocks?: Blocks };

/** A modal view (Block Kit `type: modal`), opened with the command's or button's trigger_id. */
export type ModalView = Record<string, unknown> & { type: 'modal' };

/** What a /pod subcommand handler receives after the ack. */
export type CommandContext = {
  userId: string;
  channelId: string;
  triggerId: string;
  /** The command's response_url: works in any channel, so a modal opened here can reply through it. */
  responseUrl?: string;
  /** Ephemeral to the asker (response_url): queries, refusals, errors. */
  reply(message: Reply): Promise<void>;
  /** Visible in the channel, naming who did it: lifecycle actions. */
  announce(message: Reply): Promise<void>;
  /** views.open with this command's trigger_id; returns the view id. */
  openModal(view: ModalView): Promise<string>;
  /** views.update of a modal opened earlier. */
  updateModal(viewId: string, view: ModalView): Promise<void>;
  deps: SlackDeps;
  logger: Logger;
};

export type CommandHandler<C> = (ctx: CommandContext, command: C) => Promise<void>;

/** What a button handler receives after the ack. The value is untrusted input. */
export type ActionContext = {
  userId: string;
  actionId: string;
  value: string;
  /** block_id of the block holding the button: says where on the message it was (untrusted, like the value). */
  blockId: string;
  /** The button's response_url (none on App Home and in modals). */
  responseUrl?: string;
  /** Where the button's message lives; null for App Home and modals. */
  channelId: string | null;
  messageTs: string | null;
  isEphemeral: boolean;
  /** The shared message the button is on, as Slack sent it (null for ephemeral ones, App Home, modals). */
  message: Reply | null;
  triggerId: string;
  /** Ephemeral to the clicker: refusals and errors. */
  reply(message: Reply): Promise<void>;
  /** Updates the message the button is on, in place (chat.update, or response_url for ephemeral ones). */
  replaceOriginal(message: Reply): Promise<void>;
  /** Posts into the button's channel (thread when given), visible to everyone there. */
  announce(message: Reply & { threadTs?: string }): Promise<void>;
  openModal(view: ModalView): Promise<string>;
  deps: SlackDeps;
  logger: Logger;
};

export type ActionHandler = (ctx: ActionContext) => Promise<void>;

/** What a modal submission handler receives; the ack (close or errors) is its return value. */
export type ViewContext = {
  userId: string;
  callbackId: string;
  /** Slack's id of the submitted view: the same across submissions of one open modal. */
  viewId: string;
  privateMetadata: string;
  /** state.values flattened to action_id → value (plain text, selected option value, …). */
  values: Record<string, string | null>;
  deps: SlackDeps;
  logger: Logger;
  /** Posts a message into a channel as the bot. */
  post(channel: string, message: Reply): Promise<void>;
  /**
   * Into the channel for everyone: chat.postMessage; where the app may not post, through
   * `responseUrl` (of the command or button that opened the modal) as `in_channel`; else the
   * user's DM, so the outcome is never lost.
   */
  announce(channel: string, message: Reply, responseUrl?: string): Promise<void>;
  /**
   * To the user only: through `responseUrl` (carried from the command or button that opened the
   * modal) when given, since it works in channels the app is not in; else chat.postEphemeral; else a DM.
   */
  postEphemeral(channel: string, user: string, message: Reply, responseUrl?: string): Promise<void>;
};

export type ViewAck = { close: true } | { errors: Record<string, string> };
