import type { types, webApi } from '@slack/bolt';
import { z } from 'zod';
import { type Clock, systemClock } from '../lib/clock.js';
import { includesEntries } from '../lib/includes-entries.js';
import type { Logger } from '../lib/logger.js';
import type { Notifier, OutgoingMessage } from '../services/ports.js';
import { failedPostOutcome } from './slack-outcome.js';

const PROFILE_TTL_MS = 10 * 60_000;
const USER_ID = /^[UW][A-Z0-9]+$/;

const PostedSchema = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
const HistorySchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).nullish() })
          .nullish(),
      }),
    )
    .default([]),
  has_more: z.boolean().nullish(),
  response_metadata: z.object({ next_cursor: z.string().nullish() }).nullish(),
});
/** conversations.history pages read when looking for one message (200 messages each). */
const HISTORY_PAGES = 5;
/** Looked for from a little before `since`: the two clocks may differ. */
const HISTORY_SLACK_MS = 5 * 60_000;
const OpenedSchema = z.object({ channel: z.object({ id: z.string().min(1) }) });
const UserInfoSchema = z.object({
  user: z
    .object({
      tz: z.string().nullish(),
      name: z.string().nullish(),
      real_name: z.string().nullish(),
      profile: z.object({ display_name: z.string().nullish(), real_name: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

const ChannelInfoSchema = z.object({
  channel: z.object({ is_member: z.boolean().nullish(), is_private: z.boolean().nullish() }),
});

/** The `error` code of a Slack platform error (`channel_not_found`…), or null. */
const slackError = (error: unknown): string | null => {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
};

type UserProfile = { zone: string | null; name: string | null; at: number };
const UploadUrlSchema = z.object({ upload_url: z.string().min(1), file_id: z.string().min(1) });

type WebClient = webApi.WebClient;

/** Blocks are built as plain records; the SDK types them more narrowly. */
const sdkBlocks = (message: OutgoingMessage) =>
  message.blocks ? { blocks: message.blocks as unknown as types.KnownBlock[] } : {};

const sdkMetadata = (message: OutgoingMessage) =>
  message.metadata
    ? { metadata: { event_type: message.metadata.eventType, event_payload: message.metadata.payload } }
    : {};

/**
 * Outbound Slack for services and jobs (ports.ts Notifier): DMs open the conversation first,
 * time zones come from users.info (cached briefly), files go through the upload v2 flow.
 */
export function createSlackNotifier(client: WebClient, logger: Logger, clock: Clock = systemClock): Notifier {
  const dms = new Map<string, string>();
  const profiles = new Map<string, UserProfile>();

  /** users.info, cached briefly: time zone and the name people see. Null when Slack cannot say. */
  const profileOf = async (userId: string): Promise<UserProfile | null> => {
    const now = clock.now().getTime();
    const cached = profiles.get(userId);
    if (cached && now - cached.at < PROFILE_TTL_MS) return cached;
    try {
      const user = UserInfoSchema.parse(await client.users.info({ user: userId })).user;
      const name =
        user?.profile?.display_name || user?.real_name || user?.profile?.real_name || user?.name || null;
      const profile = { zone: user?.tz ?? null, name, at: now };
      profiles.set(userId, profile);
      return profile;
    } catch (error) {
      logger.warn({ user: userId, err: error }, 'could not read the user profile');
      return null;
    }
  };

  const openDm = async (userId: string): Promise<string> => {
    const known = dms.get(userId);
    if (known) return known;
    const opened = OpenedSchema.parse(await client.conversations.open({ users: userId }));
    dms.set(userId, opened.channel.id);
    return opened.channel.id;
  };

  const target = async (channel: string) => (USER_ID.test(channel) ? openDm(channel) : channel);

  return {
    openDm,

    async post(channel, message) {
      const posted = await client.chat.postMessage({
        channel: await target(channel),
        text: message.text,
        ...sdkBlocks(message),
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      });
      return PostedSchema.parse(posted);
    },

    async postOnce(channel, message) {
      try {
        const posted = await client.chat.postMessage({
          channel: await target(channel),
          text: message.text,
          ...sdkBlocks(message),
          ...sdkMetadata(message),
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        });
        return { kind: 'posted', ...PostedSchema.parse(posted) };
      } catch (error) {
        const outcome = failedPostOutcome(error);
        logger.warn({ channel, outcome: outcome.kind, reason: outcome.reason }, 'slack post failed');
        return outcome;
      }
    },

    async findPosted(channel, metadata, since, threadTs) {
      // Not verified against the live API: that history returns the app's own metadata with
      // include_all_metadata, and what it answers in a public channel the app posted to with
      // chat:write.public without joining (podwarden joins before it posts digests and alerts).
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const query = {
          channel,
          oldest: ((since.getTime() - HISTORY_SLACK_MS) / 1000).toFixed(6),
          limit: 200,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        };
        const history = HistorySchema.parse(
          threadTs
            ? await client.conversations.replies({ ...query, ts: threadTs })
            : await client.conversations.history(query),
        );
        const found = history.messages.find(
          (m) =>
            m.metadata?.event_type === metadata.eventType &&
            includesEntries(m.metadata.event_payload, metadata.payload),
        );
        if (found) return { channel, ts: found.ts };
        cursor = history.response_metadata?.next_cursor ?? undefined;
        if (!history.has_more || !cursor) return null;
      }
      return null;
    },

    async update(channel, ts, message) {
      await client.chat.update({ channel, ts, text: message.text, ...sdkBlocks(message) });
    },

    async postEphemeral(channel, user, message) {
      await client.chat.postEphemeral({
        channel: await target(channel),
        user,
        text: message.text,
        ...sdkBlocks(message),
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      });
    },

    async userTimeZone(userId) {
      return (await profileOf(userId))?.zone ?? null;
    },

    async userName(userId) {
      return (await profileOf(userId))?.name ?? null;
    },

    async ensureMember(channel) {
      if (!/^[CG]/.test(channel)) return 'member'; // a DM or a user id: always reachable
      // Not verified against the live API: conversations.join on an archived channel (taken to fail,
      // `is_archived`, so an invite is asked for), and conversations.info's `is_member` on a public
      // channel the app left (taken as false). Slack's documentation, not a workspace, is the source.
      let info: z.infer<typeof ChannelInfoSchema>;
      try {
        info = ChannelInfoSchema.parse(await client.conversations.info({ channel }));
      } catch (error) {
        if (slackError(error) === 'channel_not_found') return 'invite_needed';
        throw error;
      }
      if (info.channel.is_member) return 'member';
      if (info.channel.is_private) return 'invite_needed';
      try {
        await client.conversations.join({ channel });
        logger.info({ channel }, 'joined a public channel to post there');
        return 'joined';
      } catch (error) {
        logger.warn({ channel, error: slackError(error) }, 'could not join the channel');
        return 'invite_needed';
      }
    },

    async uploadFile(channel, file) {
      const ticket = UploadUrlSchema.parse(
        await client.files.getUploadURLExternal({
          filename: file.filename,
          length: file.bytes.byteLength,
          alt_text: file.altText,
        }),
      );
      const uploaded = await fetch(ticket.upload_url, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file.bytes,
      });
      if (!uploaded.ok) throw new Error(`file upload failed with HTTP ${uploaded.status}`);
      await uploaded.arrayBuffer();
      await client.files.completeUploadExternal({
        files: [{ id: ticket.file_id, title: file.title }],
        channel_id: await target(channel),
      });
    },
  };
}
