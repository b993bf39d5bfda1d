/**
 * The client half of the stand-in: it sends into the bot exactly what Slack sends (signed v0
 * requests, exact Content-Type, fresh trigger_id and response_url) and applies the answers the way
 * Slack would show them, including `operation_timeout` when the bot answers after the budget.
 */
import { z } from 'zod';
import { type Clock, systemClock } from '../../lib/clock.js';
import { checkContent, messageObject, resolveChannel } from './chat-methods.js';
import { checkView } from './check-block-kit.js';
import { type ButtonQuery, buttonLabel, findButton, listButtons } from './find-button.js';
import {
  commandBody,
  FORM_CONTENT_TYPE,
  messageActionPayload,
  payloadBody,
  viewActionPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from './interaction-payloads.js';
import { postToBot } from './post-to-bot.js';
import type { SandboxUser } from './sandbox-directory.js';
import { signSlackRequest } from './sign-slack-request.js';
import {
  appendEphemeral,
  appendMessage,
  type Block,
  type ChannelRecord,
  emitChange,
  mintResponseUrl,
  mintTrigger,
  openStack,
  recordDeliveryError,
  type SlackMessage,
  type StandInState,
  type StoredView,
} from './stand-in-state.js';
import { closeStack, pushView, replaceView } from './view-methods.js';
import { buildStateValues, type EnteredValue } from './view-state-values.js';

export type Delivery = {
  status: number;
  body: string;
  ms: number;
  /** The bot answered after the response budget: Slack would have shown `operation_timeout`. */
  timedOut: boolean;
};

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
  values: Readonly<Record<string, EnteredValue>>;
};

export type SignOverrides = { timestamp?: number | string; signature?: string };

export type SlackClient = {
  setBotUrl(url: string): void;
  sendCommand(input: SendCommandInput): Promise<Delivery>;
  clickButton(input: ClickButtonInput): Promise<Delivery>;
  submitView(input: SubmitViewInput): Promise<Delivery>;
  /** The close button of the top modal; sends view_closed when the view asked for it. */
  closeView(input: { user: string; viewId: string }): Promise<Delivery | null>;
  sendSigned(body: string, contentType: string, overrides?: SignOverrides): Promise<Delivery>;
};

export function createSlackClient(options: {
  state: StandInState;
  baseUrl: () => string;
  signingSecret: string;
  responseTimeoutMs: number;
  /** Bolt checks request timestamps against real time, so signing uses it whatever the stand-in's clock. */
  signingClock?: Clock;
}): SlackClient {
  const { state, signingSecret, responseTimeoutMs } = options;
  const signingClock = options.signingClock ?? systemClock;
  let botUrl: string | null = null;

  const requireUser = (id: string): SandboxUser => {
    const user = state.users.get(id);
    if (!user) throw new Error(`unknown sandbox user ${id}`);
    return user;
  };

  const requireChannel = (id: string, user: SandboxUser): ChannelRecord => {
    const channel = resolveChannel(state, id);
    if (!channel) throw new Error(`unknown channel ${id}`);
    if (channel.kind === 'im' && channel.user !== user.id) {
      throw new Error(`${user.id} cannot see the DM ${channel.id}`);
    }
    return channel;
  };

  const send = async (
    body: string,
    contentType: string,
    overrides: SignOverrides = {},
  ): Promise<Delivery> => {
    if (!botUrl) throw new Error('setBotUrl() first: the stand-in does not know where the bot listens');
    const timestamp = overrides.timestamp ?? Math.floor(signingClock.now().getTime() / 1000);
    const signature = overrides.signature ?? signSlackRequest(signingSecret, timestamp, body);
    const answer = await postToBot(botUrl, body, {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signature,
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    });
    return { ...answer, timedOut: answer.status !== 0 && answer.ms > responseTimeoutMs };
  };

  /** Records a failed delivery; true when the answer can be used. */
  const accepted = (delivery: Delivery, payload: string, user: string): boolean => {
    if (delivery.status === 0) {
      recordDeliveryError(state, {
        kind: 'request_failed',
        payload,
        user,
        status: null,
        detail: delivery.body,
      });
      return false;
    }
    if (delivery.timedOut) {
      recordDeliveryError(state, {
        kind: 'operation_timeout',
        payload,
        user,
        status: delivery.status,
        detail: `answered after ${delivery.ms} ms (budget ${responseTimeoutMs} ms)`,
      });
      return false;
    }
    if (delivery.status !== 200) {
      recordDeliveryError(state, {
        kind: 'http_error',
        payload,
        user,
        status: delivery.status,
        detail: delivery.body.slice(0, 500),
      });
      return false;
    }
    return true;
  };

  const slackbotNotice = (channel: string, user: string, text: string): void => {
    appendEphemeral(state, { channel, user, author: 'slackbot', text, blocks: [], threadTs: null });
  };

  const AckBody = z.object({
    text: z.string().optional(),
    blocks: z.unknown().optional(),
    response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  });

  const applyCommandAck = (
    delivery: Delivery,
    command: string,
    channel: ChannelRecord,
    user: string,
  ): void => {
    if (!accepted(delivery, 'command', user)) {
      const error = delivery.timedOut ? 'operation_timeout' : 'dispatch_failed';
      slackbotNotice(channel.id, user, `${command} failed with the error "${error}"`);
      return;
    }
    const raw = delivery.body.trim();
    if (raw === '') return;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const reply = typeof parsed === 'object' && parsed !== null ? AckBody.safeParse(parsed) : null;
    if (!reply) {
      appendEphemeral(state, {
        channel: channel.id,
        user,
        author: 'bot',
        text: raw,
        blocks: [],
        threadTs: null,
      });
      return;
    }
    if (!reply.success) {
      recordDeliveryError(state, {
        kind: 'invalid_response',
        payload: 'command',
        user,
        status: 200,
        detail: raw,
      });
      return;
    }
    if (reply.data.text === undefined && reply.data.blocks === undefined) return;
    const checked = checkContent(state, 'command_ack', reply.data);
    if (!checked.ok) {
      recordDeliveryError(state, {
        kind: 'invalid_response',
        payload: 'command',
        user,
        status: 200,
        detail: JSON.stringify(checked.response),
      });
      slackbotNotice(channel.id, user, `${command} failed with the error "invalid_blocks"`);
      return;
    }
    const content = { text: checked.content.text, blocks: checked.content.blocks ?? [], threadTs: null };
    if (reply.data.response_type === 'in_channel') {
      appendMessage(state, {
        channel: channel.id,
        user: state.bot.userId,
        botId: state.bot.botId,
        files: [],
        ...content,
      });
    } else {
      appendEphemeral(state, { channel: channel.id, user, author: 'bot', ...content });
    }
  };

  const sendCommand = async (input: SendCommandInput): Promise<Delivery> => {
    const user = requireUser(input.user);
    const channel = requireChannel(input.channel, user);
    const command = input.command ?? '/pod';
    const text = input.text.trim();
    state.invocations.push({
      user: user.id,
      channel: channel.id,
      text: `${command} ${text}`.trim(),
      ts: state.nextTs(),
    });
    emitChange(state, { kind: 'invocation', channel: channel.id, user: user.id });
    const body = commandBody({
      bot: state.bot,
      user,
      channel,
      command,
      text,
      responseUrl: mintResponseUrl(state, options.baseUrl(), {
        kind: 'command',
        channel: channel.id,
        user: user.id,
      }),
      triggerId: mintTrigger(state, user.id),
    });
    const delivery = await send(body, FORM_CONTENT_TYPE);
    applyCommandAck(delivery, command, channel, user.id);
    return delivery;
  };

  const describe = (blocks: readonly Block[]): string =>
    listButtons(blocks)
      .map((b) => `"${buttonLabel(b.element)}" (${String(b.element.action_id)})`)
      .join(', ') || 'none';

  const clickInView = async (
    input: ClickButtonInput,
    user: SandboxUser,
    viewId: string,
  ): Promise<Delivery> => {
    const stored = state.views.get(viewId);
    if (!stored?.open || stored.user !== user.id) throw new Error(`${user.id} has no open view ${viewId}`);
    const button = findButton(stored.view.blocks, input);
    if (!button)
      throw new Error(`no such button in view ${viewId}; buttons: ${describe(stored.view.blocks)}`);
    const payload = viewActionPayload({
      bot: state.bot,
      user,
      view: stored.view,
      triggerId: mintTrigger(state, user.id, viewId),
      click: clickOf(button.blockId, button.element),
    });
    const delivery = await send(payloadBody(payload), FORM_CONTENT_TYPE);
    accepted(delivery, 'block_actions', user.id);
    return delivery;
  };

  const clickOf = (blockId: string, element: Record<string, unknown>) => ({
    actionId: String(element.action_id),
    blockId,
    element,
    actionTs: state.nextTs(),
  });

  type Target =
    | { kind: 'message'; message: SlackMessage }
    | { kind: 'ephemeral'; ts: string; threadTs: string | null; blocks: Block[] };

  const findTarget = (input: ClickButtonInput, user: SandboxUser, channel: ChannelRecord): Target => {
    const messages = state.messages.get(channel.id) ?? [];
    const ephemerals = state.ephemerals.filter((e) => e.user === user.id && e.channel === channel.id);
    if (input.ephemeralId !== undefined) {
      const ephemeral = ephemerals.find((e) => e.id === input.ephemeralId);
      if (!ephemeral)
        throw new Error(`${user.id} sees no ephemeral message ${input.ephemeralId} in ${channel.id}`);
      return { kind: 'ephemeral', ts: ephemeral.ts, threadTs: ephemeral.threadTs, blocks: ephemeral.blocks };
    }
    if (input.messageTs !== undefined) {
      const message = messages.find((m) => m.ts === input.messageTs);
      if (!message) throw new Error(`no message ${input.messageTs} in ${channel.id}`);
      return { kind: 'message', message };
    }
    const candidates: Target[] = [
      ...messages.map((message): Target => ({ kind: 'message', message })),
      ...ephemerals.map(
        (e): Target => ({ kind: 'ephemeral', ts: e.ts, threadTs: e.threadTs, blocks: e.blocks }),
      ),
    ];
    const tsOf = (t: Target) => Number(t.kind === 'message' ? t.message.ts : t.ts);
    candidates.sort((a, b) => tsOf(b) - tsOf(a));
    const hit = candidates.find((t) => findButton(t.kind === 'message' ? t.message.blocks : t.blocks, input));
    if (!hit) throw new Error(`no message in ${channel.id} visible to ${user.id} has such a button`);
    return hit;
  };

  const clickButton = async (input: ClickButtonInput): Promise<Delivery> => {
    const user = requireUser(input.user);
    if (input.viewId !== undefined) return await clickInView(input, user, input.viewId);
    if (input.channel === undefined) throw new Error('clickButton needs a channel (or a viewId)');
    const channel = requireChannel(input.channel, user);
    const target = findTarget(input, user, channel);
    const blocks = target.kind === 'message' ? target.message.blocks : target.blocks;
    const button = findButton(blocks, input);
    if (!button) throw new Error(`no such button on that message; buttons: ${describe(blocks)}`);
    const ts = target.kind === 'message' ? target.message.ts : target.ts;
    const source =
      target.kind === 'message'
        ? ({ kind: 'message', channel: channel.id, ts, user: user.id } as const)
        : ({ kind: 'ephemeral', channel: channel.id, ts, user: user.id } as const);
    const payload = messageActionPayload({
      bot: state.bot,
      user,
      channel,
      messageTs: ts,
      threadTs: target.kind === 'message' ? target.message.threadTs : target.threadTs,
      message: target.kind === 'message' ? messageObject(state, target.message) : null,
      responseUrl: mintResponseUrl(state, options.baseUrl(), source),
      triggerId: mintTrigger(state, user.id),
      click: clickOf(button.blockId, button.element),
    });
    const delivery = await send(payloadBody(payload), FORM_CONTENT_TYPE);
    accepted(delivery, 'block_actions', user.id);
    return delivery;
  };

  const topView = (user: SandboxUser, viewId: string): StoredView => {
    const stack = openStack(state, user.id);
    const top = stack.at(-1);
    if (!top || top.view.id !== viewId) {
      throw new Error(
        `${viewId} is not the modal ${user.id} has in front (open: ${stack.map((s) => s.view.id).join(', ') || 'none'})`,
      );
    }
    return top;
  };

  const popView = (stored: StoredView): void => {
    stored.open = false;
    const ids = (state.stacks.get(stored.user) ?? []).filter((id) => id !== stored.view.id);
    if (ids.length > 0) state.stacks.set(stored.user, ids);
    else state.stacks.delete(stored.user);
    emitChange(state, { kind: 'view', user: stored.user });
  };

  const SubmissionAnswer = z.union([
    z.object({ response_action: z.literal('errors'), errors: z.record(z.string(), z.string()) }),
    z.object({ response_action: z.literal('update'), view: z.record(z.string(), z.unknown()) }),
    z.object({ response_action: z.literal('push'), view: z.record(z.string(), z.unknown()) }),
    z.object({ response_action: z.literal('clear') }),
  ]);

  const applySubmissionAnswer = (delivery: Delivery, stored: StoredView): void => {
    const invalid = (detail: string) =>
      recordDeliveryError(state, {
        kind: 'invalid_response',
        payload: 'view_submission',
        user: stored.user,
        status: 200,
        detail,
      });
    const raw = delivery.body.trim();
    if (raw === '') {
      popView(stored);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      invalid(raw);
      return;
    }
    const answer = SubmissionAnswer.safeParse(parsed);
    if (!answer.success) {
      invalid(raw);
      return;
    }
    const action = answer.data;
    if (action.response_action === 'errors') {
      stored.errors = action.errors;
      emitChange(state, { kind: 'view', user: stored.user });
    } else if (action.response_action === 'clear') {
      closeStack(state, stored.user);
    } else {
      const report = checkViewAnswer(action.view);
      if (report) {
        invalid(report);
        return;
      }
      if (action.response_action === 'update') replaceView(state, stored, action.view);
      else if (openStack(state, stored.user).length >= 3) invalid('push_limit_reached');
      else pushView(state, stored.user, action.view, false);
    }
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
    const payload = viewSubmissionPayload({
      bot: state.bot,
      user,
      view: stored.view,
      triggerId: mintTrigger(state, user.id, stored.view.id),
    });
    const delivery = await send(payloadBody(payload), FORM_CONTENT_TYPE);
    if (accepted(delivery, 'view_submission', user.id)) applySubmissionAnswer(delivery, stored);
    return delivery;
  };

  const closeView = async (input: { user: string; viewId: string }): Promise<Delivery | null> => {
    const user = requireUser(input.user);
    const stored = topView(user, input.viewId);
    const isCleared = stored.view.clear_on_close || openStack(state, user.id).length === 1;
    if (isCleared) closeStack(state, user.id);
    else popView(stored);
    if (!stored.view.notify_on_close) return null;
    const delivery = await send(
      payloadBody(viewClosedPayload({ bot: state.bot, user, view: stored.view, isCleared })),
      FORM_CONTENT_TYPE,
    );
    accepted(delivery, 'view_closed', user.id);
    return delivery;
  };

  return {
    setBotUrl: (url) => {
      botUrl = url;
    },
    sendCommand,
    clickButton,
    submitView,
    closeView,
    sendSigned: send,
  };
}

function checkViewAnswer(view: Record<string, unknown>): string | null {
  if (view.type !== 'modal') return 'a view_submission answer must carry a modal';
  const report = checkView(view);
  return report.errors.length > 0 ? report.errors.join('; ') : null;
}
