/**
 * Socket Mode end to end, without Slack: a tiny local server answers apps.connections.open with a
 * ws:// URL, speaks just enough WebSocket (RFC 6455) to say hello and deliver one /pod envelope,
 * and records the envelope ack and the response_url reply.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createMetrics } from '../../../src/lib/metrics.js';
import { createReadinessService } from '../../../src/services/readiness-service.js';
import type { Services } from '../../../src/services/services.js';
import { createSlackApp, createSlackClient, type SlackApp } from '../../../src/slack/create-slack-app.js';
import { testSettings } from '../../support/settings.js';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

/** Client frames are masked; returns the text frames found in `buffer` (control frames skipped). */
function readFrames(buffer: Buffer): string[] {
  const texts: string[] = [];
  let offset = 0;
  while (offset + 2 <= buffer.length) {
    const opcode = (buffer[offset] ?? 0) & 0x0f;
    let length = (buffer[offset + 1] ?? 0) & 0x7f;
    let cursor = offset + 2;
    if (length === 126) {
      length = buffer.readUInt16BE(cursor);
      cursor += 2;
    } else if (length === 127) {
      length = Number(buffer.readBigUInt64BE(cursor));
      cursor += 8;
    }
    const mask = buffer.subarray(cursor, cursor + 4);
    cursor += 4;
    const data = Buffer.from(buffer.subarray(cursor, cursor + length).map((b, i) => b ^ (mask[i % 4] ?? 0)));
    if (opcode === 0x1) texts.push(data.toString('utf8'));
    offset = cursor + length;
  }
  return texts;
}

type FakeSlack = { server: Server; url: string; acks: string[]; replies: unknown[]; sockets: Socket[] };

async function startFakeSlack(): Promise<FakeSlack> {
  const fake: FakeSlack = { server: createServer(), url: '', acks: [], replies: [], sockets: [] };
  fake.server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/api/apps.connections.open')
        res.end(JSON.stringify({ ok: true, url: `${fake.url.replace('http', 'ws')}/link` }));
      else if (req.url === '/api/auth.test')
        res.end(JSON.stringify({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT' }));
      else if (req.url === '/response/1') {
        fake.replies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.end('ok');
      } else res.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
    });
  });
  fake.server.on('upgrade', (req, socket: Socket) => {
    fake.sockets.push(socket);
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}${WS_GUID}`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.on('data', (data: Buffer) => fake.acks.push(...readFrames(data)));
    socket.on('error', () => {});
    socket.write(
      frame(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } })),
    );
    const envelope = {
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'legacy',
        team_id: 'T1',
        team_domain: 'x',
        channel_id: 'C1',
        channel_name: 'gpu',
        user_id: 'U02ALICE',
        user_name: 'alice',
        command: '/pod',
        text: 'help',
        api_app_id: 'A1',
        response_url: `${fake.url}/response/1`,
        trigger_id: '1.2.3',
        is_enterprise_install: 'false',
      },
    };
    setTimeout(() => socket.write(frame(JSON.stringify(envelope))), 50);
  });
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  return fake;
}

let app: SlackApp | null = null;
let fake: FakeSlack | null = null;

afterEach(async () => {
  await app?.stop();
  for (const socket of fake?.sockets ?? []) socket.destroy();
  await new Promise((resolve) => fake?.server.close(resolve) ?? resolve(null));
  app = null;
  fake = null;
});

async function waitUntil<T>(
  read: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Socket Mode', () => {
  it('takes a /pod command over the socket, acks the envelope, replies, and serves /healthz and /metrics', async () => {
    fake = await startFakeSlack();
    const metrics = createMetrics();
    const clock = createManualClock('2026-11-30T12:00:00Z');
    const logger = pino({ level: 'silent' });
    app = createSlackApp({
      botToken: 'xoxb-socket',
      client: createSlackClient({ botToken: 'xoxb-socket', apiUrl: `${fake.url}/api/`, logger }),
      signingSecret: null,
      appToken: 'xapp-1-socket',
      apiUrl: `${fake.url}/api/`,
      deps: {
        services: {} as Services,
        settings: testSettings({ admins: ['U01ADA'] }),
        clock,
        logger: silentLogger,
      },
      logger,
      metrics,
      port: 0,
      readiness: createReadinessService({ store: { ping: async () => {} }, clock, pollIntervalMs: 60_000 })
        .check,
    });
    const { port } = await app.start();
    expect(port).toBeGreaterThan(0);

    const ack = await waitUntil(() => fake?.acks.find((text) => text.includes('env-1')));
    expect(JSON.parse(ack)).toMatchObject({ envelope_id: 'env-1' });
    const reply = await waitUntil(
      () => fake?.replies[0] as { text: string; response_type: string } | undefined,
    );
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('podwarden help');

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toContain('podwarden_slack_commands_total{command="help"} 1');
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);

    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    // The socket drops: not ready, and the body says why.
    for (const socket of fake.sockets) socket.destroy();
    const down = await waitUntil(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      return response.status === 503 ? await response.json() : undefined;
    });
    expect(down).toEqual({
      status: 'unavailable',
      faults: [{ check: 'slack', message: 'the Socket Mode connection to Slack is down' }],
    });
  });
});
