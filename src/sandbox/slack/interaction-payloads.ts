/** The bodies Slack posts to an app: slash-command fields and interaction payloads. Pure builders. */
import type { SandboxBot, SandboxUser } from './sandbox-directory.js';
import type { ChannelRecord, SlackView } from './stand-in-state.js';

/** The deprecated verification token Slack still sends in every payload; apps ignore it. */
export const VERIFICATION_TOKEN = 'sandbox-verification-token';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export function userObject(bot: SandboxBot, user: SandboxUser): Record<string, string> {
  return { id: user.id, username: user.name, name: user.name, team_id: bot.teamId };
}

function teamObject(bot: SandboxBot): Record<string, string> {
  return { id: bot.teamId, domain: bot.teamDomain };
}

export function channelName(channel: ChannelRecord): string {
  return channel.kind === 'im' ? 'directmessage' : channel.name;
}

/** A slash command as the form body Slack sends (every field a string). */
export function commandBody(input: {
  bot: SandboxBot;
  user: SandboxUser;
  channel: ChannelRecord;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}): string {
  const { bot, user, channel } = input;
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: bot.teamId,
    team_domain: bot.teamDomain,
    channel_id: channel.id,
    channel_name: channelName(channel),
    user_id: user.id,
    user_name: user.name,
    command: input.command,
    text: input.text,
    api_app_id: bot.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}

/** The Events API envelope of app_home_opened, sent as JSON when a person opens the Home tab. */
export function appHomeOpenedBody(input: {
  bot: SandboxBot;
  user: SandboxUser;
  eventId: string;
  eventTs: string;
}): string {
  const { bot, user } = input;
  return JSON.stringify({
    token: VERIFICATION_TOKEN,
    team_id: bot.teamId,
    api_app_id: bot.appId,
    type: 'event_callback',
    event_id: input.eventId,
    event_time: Math.floor(Number(input.eventTs)),
    authorizations: [
      { team_id: bot.teamId, user_id: bot.userId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event: {
      type: 'app_home_opened',
      user: user.id,
      channel: `D${user.id.slice(1)}`,
      tab: 'home',
      event_ts: input.eventTs,
    },
  });
}

/** Interactive payloads travel as one form field, `payload`, holding JSON. */
export function payloadBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export type ButtonClick = {
  actionId: string;
  blockId: string;
  element: Record<string, unknown>;
  actionTs: string;
};

function actionOf(click: ButtonClick): Record<string, unknown> {
  const { element } = click;
  return {
    type: 'button',
    action_id: click.actionId,
    block_id: click.blockId,
    text: element.text,
    ...(element.value !== undefined ? { value: element.value } : {}),
    ...(element.style !== undefined ? { style: element.style } : {}),
    action_ts: click.actionTs,
  };
}

function envelope(bot: SandboxBot, user: SandboxUser, triggerId: string): Record<string, unknown> {
  return {
    user: userObject(bot, user),
    api_app_id: bot.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    team: teamObject(bot),
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** block_actions for a button on a channel, DM or ephemeral message. */
export function messageActionPayload(input: {
  bot: SandboxBot;
  user: SandboxUser;
  channel: ChannelRecord;
  messageTs: string;
  threadTs: string | null;
  /** The stored message; null for an ephemeral one (Slack sends none). */
  message: Record<string, unknown> | null;
  responseUrl: string;
  triggerId: string;
  click: ButtonClick;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    ...envelope(input.bot, input.user, input.triggerId),
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channel.id,
      is_ephemeral: input.message === null,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    channel: { id: input.channel.id, name: channelName(input.channel) },
    ...(input.message ? { message: input.message } : {}),
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [actionOf(input.click)],
  };
}

/** block_actions for a button in a modal or on the Home tab: no channel, no response_url. */
export function viewActionPayload(input: {
  bot: SandboxBot;
  user: SandboxUser;
  view: SlackView;
  triggerId: string;
  click: ButtonClick;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    ...envelope(input.bot, input.user, input.triggerId),
    container: { type: 'view', view_id: input.view.id },
    view: input.view,
    state: { values: input.view.state.values },
    actions: [actionOf(input.click)],
  };
}

export function viewSubmissionPayload(input: {
  bot: SandboxBot;
  user: SandboxUser;
  view: SlackView;
  triggerId: string;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    ...envelope(input.bot, input.user, input.triggerId),
    view: input.view,
    response_urls: [],
  };
}

export function viewClosedPayload(input: {
  bot: SandboxBot;
  user: SandboxUser;
  view: SlackView;
  isCleared: boolean;
}): Record<string, unknown> {
  const { trigger_id: _unused, ...rest } = envelope(input.bot, input.user, '');
  return { type: 'view_closed', ...rest, view: input.view, is_cleared: input.isCleared };
}
