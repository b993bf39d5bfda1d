import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { performance } from 'node:perf_hooks';

export type BotAnswer = { status: number; body: string; ms: number };

const HARD_LIMIT_MS = 60_000;

/**
 * POSTs a string body to the bot with exactly the headers given (node:http, so nothing adds a
 * charset to Content-Type) and measures the time to the full answer. A connection failure is
 * status 0 with the error in `body`.
 */
export async function postToBot(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<BotAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? requestTls : request;
  const payload = Buffer.from(body, 'utf8');
  const started = performance.now();
  return await new Promise<BotAnswer>((resolve) => {
    const finish = (status: number, text: string) =>
      resolve({ status, body: text, ms: Math.round(performance.now() - started) });
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(payload.length) },
        timeout: HARD_LIMIT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => finish(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
        res.on('error', (error) => finish(0, error.message));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', (error) => finish(0, error.message));
    req.end(payload);
  });
}
