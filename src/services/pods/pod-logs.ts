import type { AppError } from '../../domain/errors.js';
import { maskSecrets } from '../../domain/log-mask.js';
import { isAdmin } from '../../domain/permissions.js';
import { type PodRef, podRefText } from '../../domain/pod-ref.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { findPod } from './find-pod.js';

export const LOG_LINES_DEFAULT = 50;
export const LOG_LINES_MAX = 500;
/** Longer logs go out as a file: a message section holds 3,000 characters, escaping included. */
const INLINE_MAX_CHARS = 2_500;

export type PodLogsAnswer = {
  podId: string;
  podName: string;
  requested: number;
  /** Masked lines, oldest first (inline), or empty when they went out as a file. */
  lines: string[];
  count: number;
  masked: number;
  delivery: 'inline' | 'file';
};

/**
 * `/pod logs <pod> [lines]`, for the pod's owner and admins: the container log's last lines from
 * RunPod (REST `GET /pods/{id}/logs?tail=N`), secret-looking values masked. A short log comes back
 * for the asker's ephemeral reply; a long one is uploaded as a text file into the asker's DM with
 * the app, so nobody else sees it either way.
 */
export async function podLogs(
  deps: ServiceDeps,
  actor: string,
  ref: PodRef,
  requested: number | null,
): Promise<Result<PodLogsAnswer, AppError>> {
  const tail = requested ?? LOG_LINES_DEFAULT;
  if (!Number.isInteger(tail) || tail < 1 || tail > LOG_LINES_MAX) {
    return err({ kind: 'invalid_input', message: `The number of lines must be from 1 to ${LOG_LINES_MAX}.` });
  }
  const found = await findPod(deps, ref);
  if (!found.ok) return found;
  const pod = found.value;
  const ownerId = await deps.store.getOwner(pod.id);
  if (!isAdmin(actor, deps.settings) && ownerId !== actor) {
    return err({
      kind: 'forbidden',
      action: 'read the logs of',
      pod: { id: pod.id, name: pod.name },
      ownerId,
    });
  }
  if (!deps.gateway.getPodLogs) {
    return err({ kind: 'runpod_rejected', detail: 'this RunPod connection cannot read logs' });
  }
  const raw = await deps.gateway.getPodLogs(pod.id, tail);
  if (raw === null) return err({ kind: 'pod_not_found', ref: podRefText(ref), suggestions: [] });
  let masked = 0;
  const lines = raw.map((line) => {
    const result = maskSecrets(line);
    masked += result.masked;
    return result.text;
  });
  const base = { podId: pod.id, podName: pod.name, requested: tail, count: lines.length, masked };
  if (lines.join('\n').length <= INLINE_MAX_CHARS) return ok({ ...base, lines, delivery: 'inline' });

  const channel = await deps.notifier.openDm(actor);
  await deps.notifier.uploadFile(channel, {
    filename: `${pod.name.replace(/[^A-Za-z0-9._-]+/g, '_')}-logs.txt`,
    title: `Last ${lines.length} log lines of ${pod.name}`,
    bytes: new TextEncoder().encode(`${lines.join('\n')}\n`),
    altText: `The last ${lines.length} lines of the container log of ${pod.name}`,
  });
  return ok({ ...base, lines: [], delivery: 'file' });
}
