import { RunpodError } from '../../domain/errors.js';
import type { Logger } from '../../lib/logger.js';
import { restFailure } from './rest-transport.js';

/**
 * `GET /v2/pods/{id}/logs?tail=N` ("Stream pod logs", runpod-rest-v2-schemas.json): a
 * text/event-stream that sends the last `tail` lines and then stays open for new ones. podwarden
 * reads until it has the lines it asked for, the stream ends, or it has been quiet for a moment,
 * and then hangs up. Each event's `data:` lines are one log line (RunPod does not document the
 * event's inner format; a JSON `data` with a `message`, `log` or `line` field is read too).
 */
export type RestLogsOptions = {
  restUrl: string;
  apiKey: string;
  logger: Logger;
  /** The whole read, at most. */
  timeoutMs?: number;
  /** After the last chunk, how long a quiet stream is waited for. */
  quietMs?: number;
};

const TIMEOUT_MS = 10_000;
const QUIET_MS = 1_500;

/** The log lines of a text/event-stream body; a last event the stream ended without its blank line counts. */
export function parseLogEvents(text: string): string[] {
  const lines: string[] = [];
  for (const event of text.replace(/\r\n?/g, '\n').split('\n\n')) {
    const data = event
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''));
    if (data.length === 0) continue;
    lines.push(...logTextOf(data.join('\n')).split('\n'));
  }
  return lines;
}

function logTextOf(data: string): string {
  if (!data.startsWith('{')) return data;
  try {
    const value = JSON.parse(data) as Record<string, unknown>;
    const text = value.message ?? value.log ?? value.line;
    return typeof text === 'string' ? text : data;
  } catch {
    return data;
  }
}

/** The last `tail` lines of the pod's container log; null when RunPod does not know the pod. */
export async function fetchRestPodLogs(
  options: RestLogsOptions,
  podId: string,
  tail: number,
): Promise<string[] | null> {
  const url = new URL(`${options.restUrl.replace(/\/+$/, '')}/pods/${encodeURIComponent(podId)}/logs`);
  url.searchParams.set('tail', String(tail));
  url.searchParams.set('source', 'container');
  const controller = new AbortController();
  const overall = setTimeout(() => controller.abort(), options.timeoutMs ?? TIMEOUT_MS);
  let quiet: ReturnType<typeof setTimeout> | undefined;
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          accept: 'text/event-stream, application/problem+json',
        },
        signal: controller.signal,
      });
    } catch (error) {
      throw new RunpodError('runpod_unavailable', `RunPod's logs could not be read (${String(error)})`);
    }
    if (response.status === 404) return null;
    if (response.status === 401)
      throw new RunpodError('runpod_auth', 'RunPod rejected the API key (HTTP 401)', 401);
    if (!response.ok) {
      const text = await response.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      if (response.status === 429 || response.status >= 500) {
        throw new RunpodError(
          'runpod_unavailable',
          `RunPod answered HTTP ${response.status}`,
          response.status,
        );
      }
      throw restFailure({ status: response.status, body, text, attempt: 1 }, 'getPodLogs', options.logger);
    }
    const reader = response.body?.getReader();
    if (!reader) return [];
    const decoder = new TextDecoder();
    let text = '';
    const armQuiet = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => controller.abort(), options.quietMs ?? QUIET_MS);
    };
    armQuiet();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        if (parseLogEvents(text).length >= tail) break;
        armQuiet();
      }
    } catch (error) {
      // A hang-up after the quiet moment or the overall budget ends the read with what came.
      if (!controller.signal.aborted) throw error;
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return parseLogEvents(text).slice(-tail);
  } finally {
    clearTimeout(overall);
    clearTimeout(quiet);
  }
}
