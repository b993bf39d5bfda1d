/**
 * Turns Bolt's listener arguments into the small contexts handlers work with (context.ts), so
 * handlers never touch Bolt: reply (ephemeral), announce (in channel), update in place, modals.
 */
import type {
  BlockAction,
  RespondArguments,
  RespondFn,
  SlashCommand,
  types,
  ViewStateValue,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../lib/logger.js';
import type { ActionContext, CommandContext, ModalView, Reply, ViewContext } from './context.js';
import type { SlackDeps } from './deps.js';
import { publishHome } from './home/publish-home.js';

type WebClient = webApi.WebClient;
type Blocks = types.KnownBlock[];

const ViewIdSchema = z.object({ view: z.object({ id: z.string().min(1) }) });

const content = (message: Reply) => ({
  text: message.text,
  ...(message.blocks ? { blocks: message.blocks as unknown as Blocks } : {}),
});

async function openView(client: WebClient, triggerId: string, view: ModalView): Promise<string> {
  const opened = await client.views.open({ trigger_id: triggerId, view: view as unknown as types.ModalView });
  return ViewIdSchema.parse(opened).view.id;
}

async function updateView(client: WebClient, viewId: string, view: ModalView): Promise<void> {
  await client.views.update({ view_id: viewId, view: view as unknown as types.ModalView });
}

/** A reply through a response_url (up to 5 uses within 30 minutes of the interaction). */
async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`response_url answered HTTP ${response.status}`);
}

/** Tries `first`; when it throws, logs why and tries `fallback` (whose failure propagates). */
async function withFallback(
  logger: Logger,
  what: string,
  first: () => Promise<unknown>,
  fallback: () => Promise<unknown>,
) {
  try {
    await first();
  } catch (error) {
    logger.warn({ err: error, what }, 'slack delivery failed; trying another way');
    await fallback();
  }
}

export function buildCommandContext(
  args: { command: SlashCommand; respond: RespondFn; client: WebClient },
  deps: SlackDeps,
  logger: Logger,
): CommandContext {
  const { command, respond, client } = args;
  const send = (message: Reply, responseType: 'ephemeral' | 'in_channel'): RespondArguments => ({
    response_type: responseType,
    ...content(message),
  });
  return {
    userId: command.user_id,
    channelId: command.channel_id,
    triggerId: command.trigger_id,
    responseUrl: command.response_url,
    deps,
    logger,
    reply: (message) =>
      withFallback(
        logger,
        'reply',
        () => respond(send(message, 'ephemeral')),
        // response_url works in any channel; chat.postEphemeral would not where the app is not a
        // member, so the fallback is the asker's DM with the app.
        () => client.chat.postMessage({ channel: command.user_id, ...content(message) }),
      ),
    announce: (message) =>
      withFallback(
        logger,
        'announce',
        () => respond(send(message, 'in_channel')),
        () => client.chat.postMessage({ channel: command.channel_id, ...content(message) }),
      ),
    openModal: (view) => openView(client, command.trigger_id, view),
    updateModal: (viewId, view) => updateView(client, viewId, view),
  };
}

const ContainerSchema = z.object({
  channel_id: z.string().optional(),
  message_ts: z.string().optional(),
  is_ephemeral: z.boolean().optional(),
});

export function buildActionContext(
  args: { body: BlockAction; respond: RespondFn | undefined; client: WebClient },
  deps: SlackDeps,
  logger: Logger,
): ActionContext {
  const { body, respond, client } = args;
  const action = body.actions[0];
  const container = ContainerSchema.safeParse(body.container ?? {});
  const place = container.success ? container.data : {};
  const channelId = body.channel?.id ?? place.channel_id ?? null;
  const messageTs = place.message_ts ?? body.message?.ts ?? null;
  const isEphemeral = place.is_ephemeral ?? false;
  const userId = body.user.id;
  const value = action && 'value' in action && typeof action.value === 'string' ? action.value : '';
  // A button on the Home tab: its "message" is the tab, which is re-published instead of updated.
  const fromHome = body.view?.type === 'home';

  const toUser = async (message: Reply) => {
    if (channelId) await client.chat.postEphemeral({ channel: channelId, user: userId, ...content(message) });
    else await client.chat.postMessage({ channel: userId, ...content(message) });
  };

  return {
    userId,
    actionId: action?.action_id ?? '',
    value,
    blockId: action?.block_id ?? '',
    channelId,
    ...(body.response_url ? { responseUrl: body.response_url } : {}),
    messageTs,
    isEphemeral,
    message:
      !isEphemeral && body.message && typeof body.message.text === 'string'
        ? {
            text: body.message.text,
            ...(Array.isArray(body.message.blocks) ? { blocks: body.message.blocks as Reply['blocks'] } : {}),
          }
        : null,
    triggerId: body.trigger_id,
    deps,
    logger,
    reply: (message) =>
      respond
        ? withFallback(
            logger,
            'reply',
            () => respond({ response_type: 'ephemeral', replace_original: false, ...content(message) }),
            () => toUser(message),
          )
        : toUser(message),
    replaceOriginal: async (message) => {
      if (fromHome) {
        await publishHome(client, deps, userId);
        return;
      }
      const viaResponseUrl = async () => {
        if (!respond) throw new Error('no response_url on this interaction');
        await respond({ replace_original: true, ...content(message) });
      };
      if (!isEphemeral && channelId && messageTs) {
        await withFallback(
          logger,
          'update',
          () => client.chat.update({ channel: channelId, ts: messageTs, ...content(message) }),
          viaResponseUrl,
        );
      } else {
        await viaResponseUrl();
      }
    },
    announce: async (message) => {
      if (!channelId) {
        await toUser(message);
        return;
      }
      await withFallback(
        logger,
        'announce',
        () =>
          client.chat.postMessage({
            channel: channelId,
            ...content(message),
            ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
          }),
        async () => {
          if (!respond) throw new Error('no response_url on this interaction');
          await respond({ response_type: 'in_channel', replace_original: false, ...content(message) });
        },
      );
    },
    openModal: (view) => openView(client, body.trigger_id, view),
  };
}

/** state.values flattened to action_id → the value a person entered or picked. */
export function flattenViewValues(
  values: Record<string, Record<string, ViewStateValue>>,
): Record<string, string | null> {
  const flat: Record<string, string | null> = {};
  for (const block of Object.values(values)) {
    for (const [actionId, state] of Object.entries(block)) {
      flat[actionId] =
        state.value ??
        state.selected_option?.value ??
        state.selected_user ??
        state.selected_conversation ??
        state.selected_channel ??
        state.selected_date ??
        state.selected_time ??
        null;
    }
  }
  return flat;
}

export function buildViewContext(
  args: { body: ViewSubmitAction; client: WebClient },
  deps: SlackDeps,
  logger: Logger,
): ViewContext {
  const { body, client } = args;
  return {
    userId: body.user.id,
    callbackId: body.view.callback_id,
    viewId: body.view.id,
    privateMetadata: body.view.private_metadata ?? '',
    values: flattenViewValues(body.view.state?.values ?? {}),
    deps,
    logger,
    post: async (channel, message) => {
      await client.chat.postMessage({ channel, ...content(message) });
    },
    announce: (channel, message, responseUrl) => {
      const toUser = async () => {
        await client.chat.postMessage({ channel: body.user.id, ...content(message) });
      };
      const viaResponseUrl = responseUrl
        ? () =>
            withFallback(
              logger,
              'announce',
              () =>
                postToResponseUrl(responseUrl, {
                  response_type: 'in_channel',
                  replace_original: false,
                  ...content(message),
                }),
              toUser,
            )
        : toUser;
      return withFallback(
        logger,
        'announce',
        async () => {
          await client.chat.postMessage({ channel, ...content(message) });
        },
        viaResponseUrl,
      );
    },
    postEphemeral: (channel, user, message, responseUrl) => {
      const viaWebApi = () =>
        withFallback(
          logger,
          'ephemeral',
          () => client.chat.postEphemeral({ channel, user, ...content(message) }),
          () => client.chat.postMessage({ channel: user, ...content(message) }),
        );
      if (!responseUrl) return viaWebApi();
      return withFallback(
        logger,
        'ephemeral',
        () =>
          postToResponseUrl(responseUrl, {
            response_type: 'ephemeral',
            replace_original: false,
            ...content(message),
          }),
        viaWebApi,
      );
    },
  };
}
