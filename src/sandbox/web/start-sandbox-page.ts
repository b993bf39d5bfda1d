/**
 * The sandbox page: a small chat client in the browser over the Slack stand-in. One node:http
 * server serves the page, its JSON endpoints and a Server-Sent Events stream of the stand-in's
 * changes, so the page updates without reloading.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { type Logger, silentLogger } from '../../lib/logger.js';
import type { SlackStandIn } from '../slack/start-slack-stand-in.js';
import { pageCss } from './page-css.js';
import { pageHtml } from './page-html.js';
import { appScript } from './page-script-app.js';
import { blocksScript } from './page-script-blocks.js';
import { modalScript } from './page-script-modal.js';
import { timelineScript } from './page-script-timeline.js';
import { buildPageState } from './page-state.js';

export type SandboxPageOptions = {
  standIn: SlackStandIn;
  /** 0 or unset: a free port. */
  port?: number;
  host?: string;
  title?: string;
  logger?: Logger;
};

export type SandboxPage = { readonly url: string; readonly port: number; close(): Promise<void> };

/** /app.js: one classic script, its parts in this order (the first sets strict mode for all). */
const pageScript = blocksScript + timelineScript + modalScript + appScript;

const MAX_BODY = 1_000_000;
const KEEP_ALIVE_MS = 15_000;

const CommandRequest = z.object({ user: z.string().min(1), channel: z.string().min(1), text: z.string() });

const ClickRequest = z.object({
  user: z.string().min(1),
  channel: z.string().min(1).optional(),
  messageTs: z.string().min(1).optional(),
  ephemeralId: z.string().min(1).optional(),
  viewId: z.string().min(1).optional(),
  actionId: z.string().min(1).optional(),
  blockId: z.string().min(1).optional(),
  value: z.string().optional(),
  label: z.string().min(1).optional(),
});

const SubmitRequest = z.object({
  user: z.string().min(1),
  viewId: z.string().min(1),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()])),
});

const CloseRequest = z.object({ user: z.string().min(1), viewId: z.string().min(1) });

const HomeRequest = z.object({ user: z.string().min(1) });

/** A mistake in what the page asked for: answered with 400 and the reason, not logged. */
function badRequest(message: string): Error {
  const error = new Error(message);
  error.name = 'BadRequest';
  return error;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw badRequest('the request body is too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('the request body is not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

type DeliveryLike = { status: number; ms: number; timedOut: boolean; body: string };

function deliveryAnswer(delivery: DeliveryLike | null): Record<string, unknown> {
  if (!delivery) return { ok: true };
  const ok = delivery.status === 200 && !delivery.timedOut;
  return {
    ok,
    status: delivery.status,
    ms: delivery.ms,
    timedOut: delivery.timedOut,
    ...(ok
      ? {}
      : {
          error: delivery.timedOut
            ? `The app did not answer within Slack's 3 seconds (${delivery.ms} ms)`
            : `The app answered HTTP ${delivery.status}`,
        }),
  };
}

export async function startSandboxPage(options: SandboxPageOptions): Promise<SandboxPage> {
  const { standIn } = options;
  const title = options.title ?? 'podwarden sandbox';
  const logger = options.logger ?? silentLogger;
  const streams = new Set<ServerResponse>();

  const openEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    streams.add(res);
    const unsubscribe = standIn.on('change', (change) => {
      res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://page');
    const key = `${req.method} ${url.pathname}`;
    if (key === 'GET /') return send(res, 200, 'text/html; charset=utf-8', pageHtml(title));
    if (key === 'GET /app.css') return send(res, 200, 'text/css; charset=utf-8', pageCss);
    if (key === 'GET /app.js') return send(res, 200, 'text/javascript; charset=utf-8', pageScript);
    if (key === 'GET /events') return openEvents(req, res);
    if (key === 'GET /api/state') {
      const state = buildPageState(standIn, url.searchParams.get('user') ?? '', title);
      return state ? sendJson(res, 200, state) : sendJson(res, 400, { ok: false, error: 'unknown user' });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const id = decodeURIComponent(url.pathname.slice('/files/'.length));
      const upload = standIn.uploads.find((u) => u.id === id);
      return upload?.bytes
        ? send(res, 200, upload.mimetype, upload.bytes)
        : send(res, 404, 'text/plain', 'no such file');
    }
    if (key === 'POST /api/command') {
      const input = parse(CommandRequest, await readJson(req));
      const match = input.text.trim().match(/^(\/\S+)(?:\s+([\s\S]*))?$/);
      if (!match?.[1]) throw badRequest('Only slash commands reach the app here. Try /pod help');
      const delivery = await standIn.sendCommand({
        user: input.user,
        channel: input.channel,
        command: match[1],
        text: match[2] ?? '',
      });
      return sendJson(res, 200, deliveryAnswer(delivery));
    }
    if (key === 'POST /api/click') {
      const input = parse(ClickRequest, await readJson(req));
      return sendJson(res, 200, deliveryAnswer(await standIn.clickButton(input)));
    }
    if (key === 'POST /api/submit') {
      const input = parse(SubmitRequest, await readJson(req));
      return sendJson(res, 200, deliveryAnswer(await standIn.submitView(input)));
    }
    if (key === 'POST /api/home') {
      const input = parse(HomeRequest, await readJson(req));
      return sendJson(res, 200, deliveryAnswer(await standIn.openHome(input)));
    }
    if (key === 'POST /api/close') {
      const input = parse(CloseRequest, await readJson(req));
      return sendJson(res, 200, deliveryAnswer(await standIn.closeView(input)));
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found');
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // The stand-in throws plain Errors for requests that name no such user, button or view.
      const isError = error instanceof Error;
      if (!isError || error.name !== 'BadRequest') {
        logger.warn({ err: error, url: req.url }, 'sandbox page request refused');
      }
      const message = isError ? error.message : 'unexpected error';
      if (!res.headersSent) sendJson(res, 400, { ok: false, error: message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
