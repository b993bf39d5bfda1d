/**
 * The gate in front of Bolt's HTTP receiver on POST /slack/events. Bolt checks a request's age
 * only in the past direction, and hands any correctly signed JSON to its listeners, `null`
 * included (its receiver then reads `body.ssl_check` and rejects a promise nobody awaits). This
 * gate verifies the v0 signature itself, refuses timestamps more than five minutes from now in
 * either direction (401), and refuses bodies that are not a JSON object (400), before Bolt sees
 * them. The buffered body is left on the request as `rawBody`, which Bolt reads instead of the
 * stream.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '../lib/logger.js';

/** Slack's rule: a request more than five minutes from local time is refused. */
export const MAX_REQUEST_SKEW_SECONDS = 300;
/** As Bolt's default body limit. */
const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const FORM = 'application/x-www-form-urlencoded';

export type RequestGuardOptions = {
  signingSecret: string;
  /** The path Bolt serves, `/slack/events`. */
  path: string;
  logger: Logger;
  /** Real time in milliseconds (Slack signs with real time, whatever the app's clock says). */
  nowMs?: () => number;
};

type Verdict = { ok: true } | { ok: false; status: 400 | 401 | 413; reason: string };

/** Wraps the receiver's request listener; other paths and methods pass through untouched. */
export function guardSlackRequests(inner: RequestListener, options: RequestGuardOptions): RequestListener {
  const nowMs = options.nowMs ?? Date.now;
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== options.path) {
      inner(req, res);
      return;
    }
    readBody(req)
      .then((raw) => {
        if (raw === null) return answer(res, 413);
        const verdict = checkRequest(req, raw, options.signingSecret, nowMs());
        if (!verdict.ok) {
          options.logger.warn({ status: verdict.status, reason: verdict.reason }, 'slack request refused');
          return answer(res, verdict.status);
        }
        Object.assign(req, { rawBody: raw });
        inner(req, res);
      })
      .catch((error: unknown) => {
        options.logger.warn({ err: error }, 'slack request could not be read');
        answer(res, 400);
      });
  };
}

/** Signature, age in both directions, then shape: the checks Bolt's listeners rely on. */
export function checkRequest(req: IncomingMessage, raw: Buffer, secret: string, nowMs: number): Verdict {
  const text = raw.toString('utf8');
  const contentType = req.headers['content-type'];
  // Slack's ssl_check carries no signature; Bolt answers it and strips everything else.
  if (contentType === FORM && parseQuery(text).ssl_check === '1') return { ok: true };
  const timestamp = Number(header(req, 'x-slack-request-timestamp'));
  const signature = header(req, 'x-slack-signature');
  if (!Number.isInteger(timestamp) || signature === null) {
    return { ok: false, status: 401, reason: 'unsigned' };
  }
  if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > MAX_REQUEST_SKEW_SECONDS) {
    return { ok: false, status: 401, reason: 'timestamp_out_of_range' };
  }
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${text}`).digest('hex')}`;
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
    return { ok: false, status: 401, reason: 'bad_signature' };
  }
  return isObjectBody(contentType, text) ? { ok: true } : { ok: false, status: 400, reason: 'bad_shape' };
}

/** What Bolt would parse the body into is a JSON object (not null, an array or a scalar). */
function isObjectBody(contentType: string | undefined, text: string): boolean {
  let body: unknown;
  try {
    if (contentType === FORM) {
      const form = parseQuery(text);
      if (form.payload === undefined) return true;
      if (typeof form.payload !== 'string') return false;
      body = JSON.parse(form.payload);
    } else {
      body = JSON.parse(text);
    }
  } catch {
    return false;
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
