import type { AppError } from '../../domain/errors.js';
import { decide } from '../../domain/permissions.js';
import type { PodRef } from '../../domain/pod-ref.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import type { OwnershipOutcome } from './claim-pod.js';
import { findPod } from './find-pod.js';
import { recordAudit } from './record-audit.js';

/** `/pod assign <pod> @user`: admins give any pod to anyone. */
export async function assignPod(
  deps: ServiceDeps,
  actor: string,
  ref: PodRef,
  userId: string,
): Promise<Result<OwnershipOutcome, AppError>> {
  const found = await findPod(deps, ref);
  if (!found.ok) return found;
  const pod = { id: found.value.id, name: found.value.name };
  const previousOwnerId = await deps.store.getOwner(pod.id);
  const reason = `to ${userId}`;

  const decision = decide('assign', actor, previousOwnerId, deps.settings);
  if (!decision.allowed) {
    await recordAudit(deps, {
      actor,
      pod,
      action: 'assign',
      reason,
      outcome: 'refused',
      detail: decision.refusal === 'read_only' ? 'refused: read-only user' : 'refused: admins only',
    });
    return err(
      decision.refusal === 'read_only'
        ? { kind: 'read_only', action: 'assign' }
        : { kind: 'admin_only', action: 'assign' },
    );
  }

  if (previousOwnerId === userId) return ok({ pod, ownerId: userId, previousOwnerId, unchanged: true });
  await deps.store.setOwner(pod.id, userId, actor, deps.clock.now());
  await recordAudit(deps, {
    actor,
    pod,
    action: 'assign',
    reason,
    outcome: 'ok',
    detail: `owner set to ${userId}${previousOwnerId ? ` (was ${previousOwnerId})` : ' (was unowned)'}`,
  });
  return ok({ pod, ownerId: userId, previousOwnerId, unchanged: false });
}
