import type { AuditEntry } from '../../domain/audit.js';
import type { AppError, PodCandidate } from '../../domain/errors.js';
import { cleanPodRef, type PodRef, podRefText, resolvePodRef } from '../../domain/pod-ref.js';
import { ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { listLivePods } from './find-pod.js';

export const HISTORY_LIMIT = 25;

export type PodHistoryView = { pod: PodCandidate; entries: AuditEntry[]; gone: boolean };

/**
 * `/pod history`: the audit trail, newest first. A terminated pod is gone from RunPod, so a
 * reference that matches no live pod is also tried as a pod id in the audit log.
 */
export async function podHistory(deps: ServiceDeps, ref: PodRef): Promise<Result<PodHistoryView, AppError>> {
  const resolved = resolvePodRef(await listLivePods(deps), ref);
  if (resolved.ok) {
    const pod = { id: resolved.value.id, name: resolved.value.name };
    return ok({ pod, entries: await deps.store.listAudit(pod.id, HISTORY_LIMIT), gone: false });
  }
  if (resolved.error.kind === 'pod_not_found') {
    const id = cleanPodRef(podRefText(ref));
    const entries = id.length > 0 ? await deps.store.listAudit(id, HISTORY_LIMIT) : [];
    const first = entries[0];
    if (first)
      return ok({ pod: { id: first.podId, name: first.podName ?? first.podId }, entries, gone: true });
  }
  return resolved;
}
