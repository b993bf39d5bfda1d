import type { AppError, PodCandidate } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import type { PodRef } from '../../domain/pod-ref.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { checkPermission } from './check-permission.js';
import { findPod } from './find-pod.js';

export type PermittedPod = { pod: Pod; candidate: PodCandidate; ownerId: string | null };

/**
 * The first steps of stop, resume and terminate: find the pod, read its owner, and check that
 * `actor` may do `action` on it. A refusal is audited and comes back as the error.
 */
export async function findPermittedPod(
  deps: ServiceDeps,
  input: { ref: PodRef; actor: string; action: 'stop' | 'resume' | 'terminate'; reason: string | null },
): Promise<Result<PermittedPod, AppError>> {
  const found = await findPod(deps, input.ref);
  if (!found.ok) return found;
  const pod = found.value;
  const ownerId = await deps.store.getOwner(pod.id);
  const refused = await checkPermission(deps, {
    action: input.action,
    auditAction: input.action,
    actor: input.actor,
    pod,
    ownerId,
    reason: input.reason,
  });
  if (refused) return err(refused);
  return ok({ pod, candidate: { id: pod.id, name: pod.name }, ownerId });
}
