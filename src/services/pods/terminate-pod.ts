import type { AppError, PodCandidate } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import type { PodRef } from '../../domain/pod-ref.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { failedMutation } from './failed-mutation.js';
import { findPermittedPod } from './permitted-pod.js';
import { type ActionAudit, recordAudit } from './record-audit.js';
import { runMutation } from './run-mutation.js';

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
  ref: PodRef,
): Promise<Result<TerminateCandidate, AppError>> {
  const permitted = await findPermittedPod(deps, { ref, actor, action: 'terminate', reason: null });
  if (!permitted.ok) return permitted;
  const { pod, candidate, ownerId } = permitted.value;
  return ok({
    pod: candidate,
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
  ref: PodRef,
  typedName: string,
): Promise<Result<TerminateOutcome, AppError>> {
  const permitted = await findPermittedPod(deps, { ref, actor, action: 'terminate', reason: null });
  if (!permitted.ok) return permitted;
  const { pod, candidate, ownerId } = permitted.value;
  const audit: ActionAudit = { actor, pod: candidate, action: 'terminate', reason: null };

  if (!confirmsName(typedName, pod.name)) {
    await recordAudit(deps, {
      ...audit,
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
  if (!outcome.ok) return failedMutation(deps, audit, outcome.error);
  const recoveredFrom = outcome.recoveredFrom?.detail ?? null;
  await recordAudit(deps, {
    ...audit,
    outcome: 'ok',
    detail: `RunPod: pod terminated${recoveredFrom ? ` (after reporting: ${recoveredFrom})` : ''}`,
  });
  return ok({ pod: candidate, ownerId, recoveredFrom });
}
