import type { AppError, PodCandidate } from '../../domain/errors.js';
import { roleOf } from '../../domain/permissions.js';
import type { PodRef } from '../../domain/pod-ref.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { findPod } from './find-pod.js';
import { recordAudit } from './record-audit.js';

export type OwnershipOutcome = {
  pod: PodCandidate;
  ownerId: string;
  previousOwnerId: string | null;
  /** Nothing changed: the pod already belonged to that user. */
  unchanged: boolean;
};

/** `/pod claim`: a member takes an unowned pod (compare-and-set, so two claims cannot both win). */
export async function claimPod(
  deps: ServiceDeps,
  actor: string,
  ref: PodRef,
): Promise<Result<OwnershipOutcome, AppError>> {
  const found = await findPod(deps, ref);
  if (!found.ok) return found;
  const pod = { id: found.value.id, name: found.value.name };

  if (roleOf(actor, deps.settings) === 'reader') {
    await recordAudit(deps, {
      actor,
      pod,
      action: 'claim',
      reason: null,
      outcome: 'refused',
      detail: 'refused: read-only user',
    });
    return err({ kind: 'read_only', action: 'claim' });
  }

  const current = await deps.store.getOwner(pod.id);
  if (current === actor) return ok({ pod, ownerId: actor, previousOwnerId: actor, unchanged: true });
  const won = current === null && (await deps.store.claimOwner(pod.id, actor, deps.clock.now()));
  if (!won) {
    const owner = current ?? (await deps.store.getOwner(pod.id));
    if (owner === actor) return ok({ pod, ownerId: actor, previousOwnerId: actor, unchanged: true });
    await recordAudit(deps, {
      actor,
      pod,
      action: 'claim',
      reason: null,
      outcome: 'refused',
      detail: `refused: already owned by ${owner ?? 'someone'}`,
    });
    return err({ kind: 'already_owned', pod, ownerId: owner ?? 'someone' });
  }
  await recordAudit(deps, {
    actor,
    pod,
    action: 'claim',
    reason: null,
    outcome: 'ok',
    detail: `owner set to ${actor}`,
  });
  return ok({ pod, ownerId: actor, previousOwnerId: null, unchanged: false });
}
