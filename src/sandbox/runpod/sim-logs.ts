import type { SimResponse } from './sim-http.js';
import { problemResponse } from './sim-http.js';
import type { SimPod, SimRuntime } from './sim-pod.js';

/** REST v2 `tail`: 0–5000, default 100 (runpod-rest-v2-schemas.json, LogTail). */
const TAIL_DEFAULT = 100;
const TAIL_MAX = 5000;
const MINUTE = 60_000;

/**
 * The container log of a simulated pod: the start, a login whose token a careless script printed,
 * then one training line per minute of uptime (a stopped pod: its last half hour and the exit).
 */
export function simLogLines(pod: SimPod, runtime: SimRuntime | null): { at: Date; text: string }[] {
  const running = pod.desiredStatus === 'RUNNING' && pod.startedAt !== null;
  const start = running ? (pod.startedAt as Date) : pod.createdAt;
  const minutes = running ? Math.floor((runtime?.uptimeInSeconds ?? 0) / 60) : 30;
  const first = Math.max(0, minutes - TAIL_MAX);
  const at = (minute: number) => new Date(start.getTime() + minute * MINUTE);
  const lines = [
    { at: at(0), text: `Starting container from ${pod.imageName}` },
    { at: at(0), text: 'export WANDB_API_KEY=5f1e9c2b7a4d4e0f9b8c3a2d1e0f9a8b7c6d5e4f' },
    { at: at(0), text: 'Logging in to Hugging Face with token hf_QwErTyUiOpAsDfGhJkLzXcVbNm1234567890' },
  ];
  for (let minute = Math.max(1, first); minute <= minutes; minute++) {
    const loss = (2.4 * Math.exp(-minute / 240) + 0.3).toFixed(4);
    lines.push({ at: at(minute), text: `step ${minute * 50} | loss ${loss} | lr 3.0e-04` });
  }
  if (!running) lines.push({ at: at(minutes), text: 'Container exited with code 0' });
  return lines;
}

/** `GET /v2/pods/{id}/logs`: the last `tail` lines as a text/event-stream, then the stream ends. */
export function simLogsResponse(
  pod: SimPod,
  runtime: SimRuntime | null,
  query: URLSearchParams,
): SimResponse {
  const tailText = query.get('tail');
  const tail = tailText === null ? TAIL_DEFAULT : Number(tailText);
  if (!Number.isInteger(tail) || tail < 0 || tail > TAIL_MAX || !/^\d+$/.test(tailText ?? '0')) {
    return problemResponse(422, `tail must be an integer from 0 to ${TAIL_MAX}.`);
  }
  const source = query.get('source');
  if (source !== null && source !== 'container' && source !== 'system') {
    return problemResponse(422, 'source must be container or system.');
  }
  const lines = source === 'system' ? [] : simLogLines(pod, runtime);
  const events = (tail === 0 ? [] : lines.slice(-tail)).map(
    (line) => `id: ${line.at.toISOString()}\ndata: ${line.text}\n\n`,
  );
  return {
    status: 200,
    headers: {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    },
    body: events.join(''),
  };
}
