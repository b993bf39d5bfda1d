/**
 * `POST /response/<id>`: Slack's response_url rules. Up to 5 uses within 30 minutes of the
 * payload; ephemeral by default, `in_channel` for everyone; `replace_original` and
 * `delete_original` act on the message the button was on, never on a slash-command invocation.
 */
import { z } from 'zod';
import { checkContent } from './chat-methods.js';
import { withGeneratedIds } from './mint-ids.js';
import {
  appendEphemeral,
  appendMessage,
  emitChange,
  findMessage,
  type StandInState,
} from './stand-in-state.js';
import { flagParam } from './web-api-params.js';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export type SinkAnswer = { status: number; text: string };

const ResponseBody = z.object({
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: flagParam.optional(),
  delete_original: flagParam.optional(),
  thread_ts: z.string().min(1).optional(),
});

function parseBody(raw: string): z.infer<typeof ResponseBody> | null {
  try {
    const parsed = ResponseBody.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function answerResponseUrl(state: StandInState, id: string, raw: string): SinkAnswer {
  const record = state.responseUrls.get(id);
  if (!record) return { status: 404, text: 'no_active_hooks' };
  if (state.clock.now().getTime() - record.issuedAt > RESPONSE_URL_LIFETIME_MS) {
    return { status: 404, text: 'expired_url' };
  }
  if (record.uses >= RESPONSE_URL_MAX_USES) return { status: 404, text: 'used_url' };
  const body = parseBody(raw);
  if (!body) return { status: 400, text: 'invalid_payload' };
  const { source } = record;

  if (body.delete_original || body.replace_original) {
    if (source.kind === 'command') return { status: 400, text: 'cannot_modify_slash_command_invocation' };
    if (source.kind === 'message') {
      const list = state.messages.get(source.channel) ?? [];
      const index = list.findIndex((message) => message.ts === source.ts);
      const message = list[index];
      if (!message) return { status: 404, text: 'message_not_found' };
      if (body.delete_original) {
        list.splice(index, 1);
      } else {
        const checked = checkContent(state, 'response_url', body);
        if (!checked.ok) return { status: 400, text: String(checked.response.error) };
        message.text = checked.content.text;
        message.blocks = withGeneratedIds(checked.content.blocks ?? []);
        message.edited = true;
      }
      record.uses += 1;
      emitChange(state, { kind: 'message', channel: source.channel });
      return { status: 200, text: 'ok' };
    }
    const index = state.ephemerals.findIndex((e) => e.ts === source.ts && e.user === source.user);
    const ephemeral = state.ephemerals[index];
    if (!ephemeral) return { status: 404, text: 'message_not_found' };
    if (body.delete_original) {
      state.ephemerals.splice(index, 1);
    } else {
      const checked = checkContent(state, 'response_url', body);
      if (!checked.ok) return { status: 400, text: String(checked.response.error) };
      ephemeral.text = checked.content.text;
      ephemeral.blocks = withGeneratedIds(checked.content.blocks ?? []);
      ephemeral.edited = true;
    }
    record.uses += 1;
    emitChange(state, { kind: 'ephemeral', channel: source.channel, user: source.user });
    return { status: 200, text: 'ok' };
  }

  const checked = checkContent(state, 'response_url', body);
  if (!checked.ok) return { status: 400, text: String(checked.response.error) };
  let threadTs: string | null = null;
  if (body.thread_ts) {
    const parent = findMessage(state, source.channel, body.thread_ts);
    threadTs = parent ? (parent.threadTs ?? parent.ts) : null;
  }
  record.uses += 1;
  if (body.response_type === 'in_channel') {
    appendMessage(state, {
      channel: source.channel,
      user: state.bot.userId,
      botId: state.bot.botId,
      text: checked.content.text,
      blocks: checked.content.blocks ?? [],
      threadTs,
      files: [],
    });
  } else {
    appendEphemeral(state, {
      channel: source.channel,
      user: source.user,
      author: 'bot',
      text: checked.content.text,
      blocks: checked.content.blocks ?? [],
      threadTs,
    });
  }
  return { status: 200, text: 'ok' };
}
