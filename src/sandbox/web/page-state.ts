/**
 * What the sandbox page shows one person: the channels and their DM with the app, as timelines of
 * messages with threads folded under their parents, their own ephemeral messages and commands,
 * the modal in front of them and their Home tab. Files point at the page server.
 */
import type { SandboxRole } from '../slack/sandbox-directory.js';
import type { Block, SlackFile, SlackMessage, SlackView } from '../slack/stand-in-state.js';
import type { SlackStandIn } from '../slack/start-slack-stand-in.js';

export type PageAuthor = { id: string; name: string; isBot: boolean };

export type PageFile = { id: string; name: string; title: string; mimetype: string; url: string };

export type PageEntry = {
  kind: 'message' | 'ephemeral' | 'invocation';
  ts: string;
  author: PageAuthor;
  text: string;
  blocks: Block[];
  files: PageFile[];
  edited: boolean;
  /** Only the viewer sees it (ephemeral messages and their own commands). */
  private: boolean;
  replies: PageEntry[];
};

export type PageConversation = {
  id: string;
  kind: 'channel' | 'im';
  label: string;
  entries: PageEntry[];
  /** ts of the newest entry or reply, for unread marks. */
  latestTs: string;
};

export type PageUser = { id: string; name: string; realName: string; role: SandboxRole; tz: string };

export type PageState = {
  title: string;
  me: PageUser;
  users: PageUser[];
  bot: { userId: string; name: string };
  conversations: PageConversation[];
  modal: { view: SlackView; errors: Record<string, string>; depth: number } | null;
  home: SlackView | null;
  /** The viewer's latest failed deliveries (timeouts, errors), newest last. */
  problems: { kind: string; detail: string; at: string }[];
};

function fileOf(file: SlackFile): PageFile {
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    url: `/files/${encodeURIComponent(file.id)}`,
  };
}

function byTs(a: { ts: string }, b: { ts: string }): number {
  return Number(a.ts) - Number(b.ts);
}

export function buildPageState(standIn: SlackStandIn, userId: string, title: string): PageState | null {
  const me = standIn.users.find((user) => user.id === userId);
  if (!me) return null;
  const names = new Map<string, PageAuthor>(
    standIn.users.map((user) => [user.id, { id: user.id, name: user.realName, isBot: false }]),
  );
  names.set(standIn.bot.userId, { id: standIn.bot.userId, name: standIn.bot.name, isBot: true });
  names.set('USLACKBOT', { id: 'USLACKBOT', name: 'Slackbot', isBot: true });
  const authorOf = (id: string): PageAuthor => names.get(id) ?? { id, name: id, isBot: false };

  const fromMessage = (message: SlackMessage): PageEntry => ({
    kind: 'message',
    ts: message.ts,
    author: authorOf(message.user),
    text: message.text,
    blocks: message.blocks,
    files: message.files.map(fileOf),
    edited: message.edited,
    private: false,
    replies: [],
  });

  const timeline = (channelId: string): PageEntry[] => {
    const top: PageEntry[] = [];
    const replies: { parent: string; entry: PageEntry }[] = [];
    for (const message of standIn.conversation(channelId)) {
      if (message.threadTs && message.threadTs !== message.ts) {
        replies.push({ parent: message.threadTs, entry: fromMessage(message) });
      } else top.push(fromMessage(message));
    }
    for (const ephemeral of standIn.ephemerals(userId)) {
      if (ephemeral.channel !== channelId) continue;
      const entry: PageEntry = {
        kind: 'ephemeral',
        ts: ephemeral.ts,
        author: authorOf(ephemeral.author === 'slackbot' ? 'USLACKBOT' : standIn.bot.userId),
        text: ephemeral.text,
        blocks: ephemeral.blocks,
        files: [],
        edited: ephemeral.edited,
        private: true,
        replies: [],
      };
      if (ephemeral.threadTs) replies.push({ parent: ephemeral.threadTs, entry });
      else top.push(entry);
    }
    for (const invocation of standIn.invocations(userId)) {
      if (invocation.channel !== channelId) continue;
      top.push({
        kind: 'invocation',
        ts: invocation.ts,
        author: authorOf(userId),
        text: invocation.text,
        blocks: [],
        files: [],
        edited: false,
        private: true,
        replies: [],
      });
    }
    const byParent = new Map(top.map((entry) => [entry.ts, entry]));
    for (const { parent, entry } of replies) {
      const owner = byParent.get(parent);
      if (owner) owner.replies.push(entry);
      else top.push(entry);
    }
    for (const entry of top) entry.replies.sort(byTs);
    return top.sort(byTs);
  };

  const latest = (entries: PageEntry[]): string =>
    entries
      .flatMap((entry) => [entry.ts, ...entry.replies.map((reply) => reply.ts)])
      .reduce((max, ts) => (Number(ts) > Number(max) ? ts : max), '0');

  const conversations: PageConversation[] = [
    ...standIn.channels.map((channel) => ({ id: channel.id, kind: 'channel' as const, label: channel.name })),
    { id: standIn.dmChannelOf(userId), kind: 'im' as const, label: standIn.bot.name },
  ].map((conversation) => {
    const entries = timeline(conversation.id);
    return { ...conversation, entries, latestTs: latest(entries) };
  });

  const stack = standIn.openViews(userId);
  const front = stack.at(-1);
  const problems = standIn.deliveryErrors
    .filter((error) => error.user === userId)
    .slice(-5)
    .map((error) => ({ kind: error.kind, detail: error.detail, at: error.at.toISOString() }));

  const pageUser = (user: (typeof standIn.users)[number]): PageUser => ({
    id: user.id,
    name: user.name,
    realName: user.realName,
    role: user.role,
    tz: user.tz,
  });

  return {
    title,
    me: pageUser(me),
    users: standIn.users.map(pageUser),
    bot: { userId: standIn.bot.userId, name: standIn.bot.name },
    conversations,
    modal: front ? { view: front.view, errors: front.errors, depth: stack.length } : null,
    home: standIn.homeView(userId),
    problems,
  };
}
