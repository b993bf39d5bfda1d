/** auth.test, conversations.open and users.info: who the app is, DMs, and people with their time zones. */
import { z } from 'zod';
import { zoneOffsetMs } from '../../lib/time-zone.js';
import { dmChannelIdOf } from './sandbox-directory.js';
import type { StandInState } from './stand-in-state.js';
import { type ApiResponse, fail, flagParam, readParams } from './web-api-params.js';

export function authTest(state: StandInState): ApiResponse {
  return {
    ok: true,
    url: `https://${state.bot.teamDomain}.slack.local/`,
    team: 'Sandbox',
    user: state.bot.name,
    team_id: state.bot.teamId,
    user_id: state.bot.userId,
    bot_id: state.bot.botId,
    is_enterprise_install: false,
  };
}

const OpenParams = z.object({
  users: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  return_im: flagParam.optional(),
});

export function openConversation(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(OpenParams, params);
  if (!read.ok) return read.response;
  const { users, channel, return_im: returnIm } = read.value;
  let userId: string | undefined;
  if (users) {
    const ids = users
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (ids.length !== 1) return fail('not_supported', { detail: 'the stand-in opens one-to-one DMs only' });
    userId = ids[0];
  } else if (channel) {
    userId = state.channels.get(channel)?.user ?? undefined;
    if (!userId) return fail('channel_not_found');
  } else {
    return fail('users_list_not_supplied');
  }
  if (!userId) return fail('user_not_found');
  if (userId === state.bot.userId) return fail('cannot_dm_bot');
  if (!state.users.has(userId)) return fail('user_not_found');
  const id = dmChannelIdOf(userId);
  const alreadyOpen = state.openedDms.has(userId);
  state.openedDms.add(userId);
  const channelObject = returnIm
    ? {
        id,
        created: Math.floor(state.clock.now().getTime() / 1000),
        is_im: true,
        is_org_shared: false,
        user: userId,
        is_user_deleted: false,
        priority: 0,
      }
    : { id };
  return { ok: true, ...(alreadyOpen ? { no_op: true, already_open: true } : {}), channel: channelObject };
}

const UserInfoParams = z.object({ user: z.string().min(1) });

function zoneLabel(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

export function userInfo(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(UserInfoParams, params);
  if (!read.ok) return read.response;
  const now = state.clock.now();
  const id = read.value.user;
  if (id === state.bot.userId) {
    return {
      ok: true,
      user: {
        id,
        team_id: state.bot.teamId,
        name: state.bot.name,
        deleted: false,
        real_name: state.bot.name,
        tz: 'UTC',
        tz_label: zoneLabel('UTC', now),
        tz_offset: 0,
        is_admin: false,
        is_owner: false,
        is_bot: true,
        is_app_user: false,
        updated: Math.floor(now.getTime() / 1000),
        profile: { real_name: state.bot.name, display_name: state.bot.name, bot_id: state.bot.botId },
      },
    };
  }
  const user = state.users.get(id);
  if (!user) return fail('user_not_found');
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: state.bot.teamId,
      name: user.name,
      deleted: false,
      real_name: user.realName,
      tz: user.tz,
      tz_label: zoneLabel(user.tz, now),
      tz_offset: Math.round(zoneOffsetMs(now, user.tz) / 1000),
      is_admin: false,
      is_owner: false,
      is_bot: false,
      is_app_user: false,
      updated: Math.floor(now.getTime() / 1000),
      profile: {
        real_name: user.realName,
        display_name: user.realName,
        image_48: '',
      },
    },
  };
}
