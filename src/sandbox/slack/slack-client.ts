/**
 * The client half of the stand-in: what people do in Slack, sent into the bot exactly as Slack
 * sends it (fresh trigger_id and response_url each time), with the answers applied the way Slack
 * would show them.
 */
import { acceptDelivery, createBotSender, type Delivery, type SignOverrides } from './bot-delivery.js';
import { messageObject, resolveChannel } from './chat-methods.js';
import { describeButtons, findClickTarget } from './click-target.js';
import { applyCommandAck } from './command-ack.js';
import { escapeCommandText } from './escape-command-text.js';
import { type ButtonQuery, findButton } from './find-button.js';
import {
  appHomeOpenedBody,
  commandBody,
  FORM_CONTENT_TYPE,
  messageActionPayload,
  payloadBody,
  viewActionPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from './interaction-payloads.js';
import { mintResponseUrl, mintTrigger } from './mint-ids.js';
import type { SandboxUser } from './sandbox-directory.js';
import {
  type ChannelRecord,
  emitChange,
  openStack,
  type StandInState,
  type StoredView,
} from './stand-in-state.js';
import { applySubmissionAnswer } from './submission-answer.js';
import { closeStack, popView } from './view-methods.js';
import { buildStateValues, type EnteredValue } from './view-state-values.js';

export type { Delivery, SignOverrides } from './bot-delivery.js';

export type SendCommandInput = { user: string; channel: string; text: string; command?: string };

export type ClickButtonInput = ButtonQuery & {
  user: string;
  /** The channel (C…/D…, or a user id for their DM) of the message; not needed with viewId. */
  channel?: string;
  messageTs?: string;
  ephemeralId?: string;
  /** A button in an open modal or on the Home tab. */
  viewId?: string;
};

export type SubmitViewInput = {
  user: string;
  viewId: string;
  /** By action_id or block_id: text, an option's value or the beginning of its label, or several. */
  values: Readonly<Record<string, EnteredValue>>;
};

export type SlackClient = {
  /** Where the bot takes Slack's requests: `http://127.0.0.1:<port>/slack/events`. */
  setBotUrl(url: string): void;
  sendCommand(input: SendCommandInput): Promise<Delivery>;
  clickButton(input: ClickButtonInput): Promise<Delivery>;
  submitView(input: SubmitViewInput): Promise<Delivery>;
  /** The close button of the modal in front; sends view_closed when the view asked for it. */
  closeView(input: { user: string; viewId: string }): Promise<Delivery | null>;
  sendSigned(body: string, contentType: string, overrides?: SignOverrides): Promise<Delivery>;
  /** The person opens the app's Home tab from the sidebar: Slack sends app_home_opened. */
  openHome(input: { user: string }): Promise<Delivery>;
};

export function createSlackClient(options: {
  state: StandInState;
  baseUrl: () => string;
  signingSecret: string;
  responseTimeoutMs: number;
}): SlackClient {
  const { state } = options;
  const sender = createBotSender(options);
  const accept = (delivery: Delivery, payload: string, user: string) =>
    acceptDelivery(state, delivery, { payload, user, budgetMs: options.responseTimeoutMs });

  const requireUser = (id: string): SandboxUser => {
    const user = state.users.get(id);
    if (!user) throw new Error(`unknown sandbox user ${id}`);
    return user;
  };

  const requireChannel = (id: string, user: SandboxUser): ChannelRecord => {
    const channel = resolveChannel(state, id);
    if (!channel) throw new Error(`unknown channel ${id}`);
    if (channel.kind === 'im' && channel.user !== user.id)
      throw new Error(`${user.id} cannot see the DM ${channel.id}`);
    return channel;
  };

  const topView = (user: SandboxUser, viewId: string): StoredView => {
    const stack = openStack(state, user.id);
    const top = stack.at(-1);
    if (!top || top.view.id !== viewId) {
      const open = stack.map((s) => s.view.id).join(', ') || 'none';
      throw new Error(`${viewId} is not the modal ${user.id} has in front (open: ${open})`);
    }
    return top;
  };

  const clickOf = (blockId: string, element: Record<string, unknown>) => ({
    actionId: String(element.action_id),
    blockId,
    element,
    actionTs: state.nextTs(),
  });

  const sendCommand = async (input: SendCommandInput): Promise<Delivery> => {
    const user = requireUser(input.user);
    const channel = requireChannel(input.channel, user);
    const command = input.command ?? '/pod';
    const typed = input.text.trim();
    // The app's /pod has should_escape: mentions reach it as <@U…|name>, like in Slack.
    const text = escapeCommandText(typed, {
      users: [...state.users.values()],
      channels: [...state.channels.values()].filter((c) => c.kind === 'channel'),
    });
    state.invocations.push({
      user: user.id,
      channel: channel.id,
      text: `${command} ${typed}`.trim(),
      ts: state.nextTs(),
    });
    emitChange(state, { kind: 'invocation', channel: channel.id, user: user.id });
    const source = { kind: 'command', channel: channel.id, user: user.id } as const;
    const body = commandBody({
      bot: state.bot,
      user,
      channel,
      command,
      text,
      responseUrl: mintResponseUrl(state, options.baseUrl(), source),
      triggerId: mintTrigger(state, user.id),
    });
    const delivery = await sender.send(body, FORM_CONTENT_TYPE);
    const accepted = accept(delivery, 'command', user.id);
    applyCommandAck(state, delivery, { accepted, command, channel, user: user.id });
    return delivery;
  };

  const clickInView = async (
    input: ClickButtonInput,
    user: SandboxUser,
    viewId: string,
  ): Promise<Delivery> => {
    const stored = state.views.get(viewId);
    if (!stored?.open || stored.user !== user.id) throw new Error(`${user.id} has no open view ${viewId}`);
    const button = findButton(stored.view.blocks, input);
    if (!button)
      throw new Error(`no such button in ${viewId}; buttons: ${describeButtons(stored.view.blocks)}`);
    const payload = viewActionPayload({
      bot: state.bot,
      user,
      view: stored.view,
      triggerId: mintTrigger(state, user.id, viewId),
      click: clickOf(button.blockId, button.element),
    });
    const delivery = await sender.send(payloadBody(payload), FORM_CONTENT_TYPE);
    accept(delivery, 'block_actions', user.id);
    return delivery;
  };

  const clickButton = async (input: ClickButtonInput): Promise<Delivery> => {
    const user = requireUser(input.user);
    if (input.viewId !== undefined) return await clickInView(input, user, input.viewId);
    if (input.channel === undefined) throw new Error('clickButton needs a channel (or a viewId)');
    const channel = requireChannel(input.channel, user);
    const target = findClickTarget(state, input, user, channel);
    const button = findButton(target.blocks, input);
    if (!button)
      throw new Error(`no such button on that message; buttons: ${describeButtons(target.blocks)}`);
    const source = { kind: target.kind, channel: channel.id, ts: target.ts, user: user.id };
    const payload = messageActionPayload({
      bot: state.bot,
      user,
      channel,
      messageTs: target.ts,
      threadTs: target.threadTs,
      message: target.kind === 'message' ? messageObject(state, target.message) : null,
      responseUrl: mintResponseUrl(state, options.baseUrl(), source),
      triggerId: mintTrigger(state, user.id),
      click: clickOf(button.blockId, button.element),
    });
    const delivery = await sender.send(payloadBody(payload), FORM_CONTENT_TYPE);
    accept(delivery, 'block_actions', user.id);
    return delivery;
  };

  const submitView = async (input: SubmitViewInput): Promise<Delivery> => {
    const user = requireUser(input.user);
    const stored = topView(user, input.viewId);
    const built = buildStateValues(stored.view.blocks, input.values);
    stored.view.state = { values: built.values };
    const missing = Object.keys(built.missing);
    if (missing.length > 0) {
      stored.errors = built.missing;
      emitChange(state, { kind: 'view', user: user.id });
      throw new Error(`required inputs left empty: ${missing.join(', ')}`);
    }
    const triggerId = mintTrigger(state, user.id, stored.view.id);
    const payload = viewSubmissionPayload({ bot: state.bot, user, view: stored.view, triggerId });
    const delivery = await sender.send(payloadBody(payload), FORM_CONTENT_TYPE);
    if (accept(delivery, 'view_submission', user.id)) applySubmissionAnswer(state, delivery.body, stored);
    return delivery;
  };

  const closeView = async (input: { user: string; viewId: string }): Promise<Delivery | null> => {
    const user = requireUser(input.user);
    const stored = topView(user, input.viewId);
    const isCleared = stored.view.clear_on_close || openStack(state, user.id).length === 1;
    if (isCleared) closeStack(state, user.id);
    else popView(state, stored);
    if (!stored.view.notify_on_close) return null;
    const payload = viewClosedPayload({ bot: state.bot, user, view: stored.view, isCleared });
    const delivery = await sender.send(payloadBody(payload), FORM_CONTENT_TYPE);
    accept(delivery, 'view_closed', user.id);
    return delivery;
  };

  const openHome = async (input: { user: string }): Promise<Delivery> => {
    const user = requireUser(input.user);
    const body = appHomeOpenedBody({
      bot: state.bot,
      user,
      eventId: `Ev${state.nextTs().replace('.', '')}`,
      eventTs: state.nextTs(),
    });
    const delivery = await sender.send(body, 'application/json');
    accept(delivery, 'app_home_opened', user.id);
    return delivery;
  };

  return {
    setBotUrl: sender.setBotUrl,
    openHome,
    sendCommand,
    clickButton,
    submitView,
    closeView,
    sendSigned: sender.send,
  };
}
