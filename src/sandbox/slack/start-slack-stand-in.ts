/**
 * A local stand-in for Slack on one node:http server (127.0.0.1): the Web API under `/api/<method>`,
 * response_url sinks under `/response/<id>`, file uploads and downloads, and the client half that
 * sends signed commands, clicks and submissions into the bot.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../lib/clock.js';
import { type Logger, silentLogger } from '../../lib/logger.js';
import { receiveUpload } from './file-methods.js';
import { mintTrigger } from './mint-ids.js';
import { answerResponseUrl } from './response-url-sink.js';
import {
  dmChannelIdOf,
  type SandboxBot,
  type SandboxChannel,
  type SandboxUser,
  sandboxBot,
  sandboxChannels,
  sandboxUsers,
} from './sandbox-directory.js';
import { createSlackClient, type SlackClient } from './slack-client.js';
import {
  type CallRecord,
  createStandInState,
  type DeliveryError,
  type EphemeralMessage,
  type Invocation,
  openStack,
  type SlackMessage,
  type SlackView,
  type StandInChange,
  type StandInWarning,
  type StoredView,
  type UploadRecord,
} from './stand-in-state.js';
import { callWebApi } from './web-api.js';
import { createWebApiFaults, type WebApiFaults } from './web-api-faults.js';
import { parseApiParams } from './web-api-params.js';

export type SlackStandInOptions = {
  signingSecret: string;
  botToken: string;
  /** 0 or unset: a free port. */
  port?: number;
  /** Slack's side of time: message ts, trigger_id expiry, response_url lifetime. */
  clock?: Clock;
  users?: readonly SandboxUser[];
  channels?: readonly SandboxChannel[];
  limits?: {
    /** Slack gives commands and interactions 3000 ms to be acknowledged. */
    responseTimeoutMs?: number;
  };
  logger?: Logger;
};

export type SlackStandIn = SlackClient & {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `http://127.0.0.1:<port>/api/`, for `clientOptions.slackApiUrl` / SLACK_API_URL. */
  readonly apiUrl: string;
  readonly port: number;
  readonly bot: SandboxBot;
  readonly users: readonly SandboxUser[];
  readonly channels: readonly SandboxChannel[];
  /** Adds a channel to the workspace (public and with the app in it unless said otherwise). */
  addChannel(channel: SandboxChannel): void;
  /** Whether the app is in the channel now (it may have joined it). */
  botIsMember(channelId: string): boolean;
  /** Someone invites the app (true) or removes it (false). */
  setBotMember(channelId: string, member: boolean): void;
  /** Someone archives the channel: posts, files and joins answer `is_archived`. */
  archiveChannel(channelId: string): void;
  /** Messages of a channel or DM, oldest first, thread replies included (they carry threadTs). */
  conversation(channelId: string): readonly SlackMessage[];
  /** The replies in a message's thread, oldest first. */
  thread(channelId: string, ts: string): readonly SlackMessage[];
  /** Ephemeral messages only this user sees, oldest first. */
  ephemerals(userId: string): readonly EphemeralMessage[];
  /** What people typed (`/pod list`), oldest first; one user's when given. */
  invocations(userId?: string): readonly Invocation[];
  dmChannelOf(userId: string): string;
  /** A fresh trigger_id, as if the user had just interacted (for tests that call views.open directly). */
  mintTrigger(userId: string): string;
  /** The user's open modal stack, root first (the last one is in front). */
  openViews(userId: string): readonly StoredView[];
  homeView(userId: string): SlackView | null;
  readonly calls: readonly CallRecord[];
  callsTo(method: string): readonly CallRecord[];
  readonly uploads: readonly UploadRecord[];
  /** Faults injected into the Web API, one call at a time (answers that come too late, 429s). */
  readonly faults: WebApiFaults;
  /** Requests into the bot that Slack would have shown as failed (timeouts, non-200s). */
  readonly deliveryErrors: readonly DeliveryError[];
  /** Slack's nags that do not fail a call, such as a message without fallback text. */
  readonly warnings: readonly StandInWarning[];
  on(event: 'change', listener: (change: StandInChange) => void): () => void;
  /** Resolves with the predicate's first value that is not null, undefined or false. */
  waitFor<T>(predicate: () => T | null | undefined | false, options?: { timeoutMs?: number }): Promise<T>;
  close(): Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const users = options.users ?? sandboxUsers;
  const channels = options.channels ?? sandboxChannels;
  const logger = options.logger ?? silentLogger;
  const state = createStandInState({ clock: options.clock ?? systemClock, bot: sandboxBot, users, channels });
  const faults = createWebApiFaults();
  let baseUrl = '';

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const [, area, id] = path.split('/');
    const contentType = req.headers['content-type'] ?? '';
    if (req.method === 'POST' && area === 'api' && id) {
      const params = parseApiParams(contentType, (await readBody(req)).toString('utf8'));
      if (!params) {
        sendJson(res, 200, { ok: false, error: 'invalid_form_data' });
        return;
      }
      const fault = faults.take(id);
      if (fault === 'rate_limited') {
        res.writeHead(429, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const answer = callWebApi(state, {
        method: id,
        params,
        authorization: req.headers.authorization,
        botToken: options.botToken,
        baseUrl,
      });
      if (fault === 'late') {
        // Carried out; the answer is held until the client gives up and hangs up.
        await new Promise<void>((resolve) => res.once('close', () => resolve()));
        return;
      }
      sendJson(res, 200, answer);
      return;
    }
    if (req.method === 'POST' && area === 'response' && id) {
      const answer = answerResponseUrl(state, id, (await readBody(req)).toString('utf8'));
      sendText(res, answer.status, answer.text);
      return;
    }
    if (req.method === 'POST' && area === 'upload' && id) {
      const answer = await receiveUpload(state, id, contentType, await readBody(req));
      sendText(res, answer.status, answer.text);
      return;
    }
    if (req.method === 'GET' && area === 'files' && id) {
      const upload = state.uploads.get(id);
      if (!upload?.bytes) {
        sendText(res, 404, 'file_not_found');
        return;
      }
      res.writeHead(200, { 'Content-Type': upload.mimetype, 'Content-Length': String(upload.bytes.length) });
      res.end(upload.bytes);
      return;
    }
    sendText(res, 404, 'not_found');
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'slack stand-in request failed');
      if (!res.headersSent) sendText(res, 500, 'internal_error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  const client = createSlackClient({
    state,
    baseUrl: () => baseUrl,
    signingSecret: options.signingSecret,
    responseTimeoutMs: options.limits?.responseTimeoutMs ?? 3_000,
  });

  const waitFor = async <T>(
    predicate: () => T | null | undefined | false,
    waitOptions: { timeoutMs?: number } = {},
  ): Promise<T> => {
    const timeoutMs = waitOptions.timeoutMs ?? 10_000;
    return await new Promise<T>((resolve, reject) => {
      const finish = () => {
        clearInterval(interval);
        clearTimeout(timer);
        state.emitter.off('change', check);
      };
      const check = () => {
        try {
          const value = predicate();
          if (value !== null && value !== undefined && value !== false) {
            finish();
            resolve(value);
          }
        } catch (error) {
          finish();
          reject(error);
        }
      };
      const interval = setInterval(check, 25);
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`waitFor: the condition was not met within ${timeoutMs} ms`));
      }, timeoutMs);
      state.emitter.on('change', check);
      check();
    });
  };

  return {
    ...client,
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    port,
    bot: sandboxBot,
    users,
    channels,
    addChannel: (channel) => {
      state.channels.set(channel.id, {
        id: channel.id,
        name: channel.name,
        kind: 'channel',
        user: null,
        isPrivate: channel.isPrivate ?? false,
        botMember: channel.botMember ?? true,
      });
    },
    botIsMember: (channelId) => state.channels.get(channelId)?.botMember ?? false,
    setBotMember: (channelId, member) => {
      const channel = state.channels.get(channelId);
      if (channel && channel.kind === 'channel') channel.botMember = member;
    },
    archiveChannel: (channelId) => {
      const channel = state.channels.get(channelId);
      if (channel && channel.kind === 'channel') channel.archived = true;
    },
    conversation: (channelId) => state.messages.get(channelId) ?? [],
    thread: (channelId, ts) => (state.messages.get(channelId) ?? []).filter((m) => m.threadTs === ts),
    ephemerals: (userId) => state.ephemerals.filter((e) => e.user === userId),
    invocations: (userId) =>
      userId ? state.invocations.filter((i) => i.user === userId) : state.invocations,
    dmChannelOf: dmChannelIdOf,
    mintTrigger: (userId) => mintTrigger(state, userId),
    openViews: (userId) => openStack(state, userId),
    homeView: (userId) => {
      const id = state.homes.get(userId);
      return id ? (state.views.get(id)?.view ?? null) : null;
    },
    get calls() {
      return state.calls;
    },
    callsTo: (method) => state.calls.filter((call) => call.method === method),
    get uploads() {
      return [...state.uploads.values()];
    },
    get deliveryErrors() {
      return state.deliveryErrors;
    },
    get warnings() {
      return state.warnings;
    },
    on: (_event, listener) => {
      state.emitter.on('change', listener);
      return () => {
        state.emitter.off('change', listener);
      };
    },
    faults,
    waitFor,
    close: async () => {
      state.emitter.removeAllListeners();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
