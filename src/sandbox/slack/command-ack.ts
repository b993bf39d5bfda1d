/**
 * What Slack shows after a slash command's ack: nothing for an empty body, a plain string as an
 * ephemeral message, JSON `text`/`blocks` ephemeral unless `response_type: in_channel`. A failed or
 * late ack becomes Slackbot's "/pod failed with the error …" for the asker.
 */
import { z } from 'zod';
import type { Delivery } from './bot-delivery.js';
import { checkContent } from './chat-methods.js';
import {
  appendEphemeral,
  appendMessage,
  type ChannelRecord,
  recordDeliveryError,
  type StandInState,
} from './stand-in-state.js';

const AckBody = z.object({
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
});

function parseJsonObject(raw: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    // Not JSON: Slack shows the body as the message text.
    return null;
  }
}

export function applyCommandAck(
  state: StandInState,
  delivery: Delivery,
  context: { accepted: boolean; command: string; channel: ChannelRecord; user: string },
): void {
  const { command, channel, user } = context;
  const slackbot = (error: string) =>
    appendEphemeral(state, {
      channel: channel.id,
      user,
      author: 'slackbot',
      text: `${command} failed with the error "${error}"`,
      blocks: [],
      threadTs: null,
    });
  if (!context.accepted) {
    slackbot(delivery.timedOut ? 'operation_timeout' : 'dispatch_failed');
    return;
  }
  const raw = delivery.body.trim();
  if (raw === '') return;
  const json = parseJsonObject(raw);
  if (!json) {
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
  const reply = AckBody.safeParse(json);
  const invalid = (detail: string) => {
    recordDeliveryError(state, { kind: 'invalid_response', payload: 'command', user, status: 200, detail });
    slackbot('invalid_response');
  };
  if (!reply.success) {
    invalid(raw);
    return;
  }
  if (reply.data.text === undefined && reply.data.blocks === undefined) return;
  const checked = checkContent(state, 'command_ack', reply.data);
  if (!checked.ok) {
    invalid(JSON.stringify(checked.response));
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
}
