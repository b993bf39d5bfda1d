import type { AppError, PodCandidate } from '../../domain/errors.js';
import { RunpodError } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { checkPermission } from './check-permission.js';
import { findPod } from './find-pod.js';
import { recordAudit } from './record-audit.js';
import { describeFailure, runMutation } from './run-mutation.js';

export type TerminateCandidate = {
  pod: PodCandidate;
  ownerId: string | null;
  status: Pod['status'];
  costPerHr: number;
  volumeInGb: number | null;
};

export type TerminateOutcome = { pod: PodCandidate; ownerId: string | null; recoveredFrom: string | null };

/** The typed confirmation must be the pod's name, exactly (surrounding spaces aside). */
export const confirmsName = (typed: string, name: string): boolean => typed.trim() === name.trim();

/** Before the confirmation modal opens: does the pod exist and may this user terminate it? */
export async function terminateCandidate(
  deps: ServiceDeps,
  actor: string,
  ref: string,
): Promise<Result<TerminateCandidate, AppError>> {
  const found = await findPod(deps, ref);
  if (!found.ok) return found;
  const pod = found.value;
  const ownerId = await deps.store.getOwner(pod.id);
  const refused = await checkPermission(deps, {
    action: 'terminate',
    auditAction: 'terminate',
    actor,
    pod,
    ownerId,
    reason: null,
  });
  if (refused) return err(refused);
  return ok({
    pod: { id: pod.id, name: pod.name },
    ownerId,
    status: pod.status,
    costPerHr: pod.costPerHr,
    volumeInGb: pod.volumeInGb,
  });
}

/**
 * The confirmation modal's submission: the pod is looked up again by id, permission is checked
 * again, and nothing happens unless the typed text is the pod's exact name.
 */
export async function terminatePod(
  deps: ServiceDeps,
  actor: string,
  ref: string,
  typedName: string,
): Promise<Result<TerminateOutcome, AppError>> {
  const found = await findPod(deps, ref);
  if (!found.ok) return found;
  const pod = found.value;
  const candidate = { id: pod.id, name: pod.name };
  const ownerId = await deps.store.getOwner(pod.id);
  const refused = await checkPermission(deps, {
    action: 'terminate',
    auditAction: 'terminate',
    actor,
    pod,
    ownerId,
    reason: null,
  });
  if (refused) return err(refused);

  if (!confirmsName(typedName, pod.name)) {
    await recordAudit(deps, {
      actor,
      pod: candidate,
      action: 'terminate',
      reason: null,
      outcome: 'refused',
      detail: 'refused: the typed confirmation did not match the pod name',
    });
    return err({ kind: 'confirmation_mismatch', pod: candidate, typed: typedName });
  }

  const outcome = await runMutation(
    deps,
    pod.id,
    () => deps.gateway.terminatePod(pod.id),
    (after) => after === null || after.status === 'TERMINATED',
  );
  if (!outcome.ok) {
    await recordAudit(deps, {
      actor,
      pod: candidate,
      action: 'terminate',
      reason: null,
      outcome: 'failed',
      detail: describeFailure(outcome.error),
    });
    if (outcome.error instanceof RunpodError) {
      return err({ kind: outcome.error.kind, detail: outcome.error.detail });
    }
    throw outcome.error;
  }
  const recoveredFrom = outcome.recoveredFrom?.detail ?? null;
  await recordAudit(deps, {
    actor,
    pod: candidate,
    action: 'terminate',
    reason: null,
    outcome: 'ok',
    detail: `RunPod: pod terminated${recoveredFrom ? ` (after reporting: ${recoveredFrom})` : ''}`,
  });
  return ok({ pod: candidate, ownerId, recoveredFrom });
}
