import type { AppError } from '../../domain/errors.js';
import { RunpodError } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import { isStopped } from '../../domain/pod-list.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { checkPermission } from './check-permission.js';
import { findPod } from './find-pod.js';
import { recordAudit } from './record-audit.js';
import { describeFailure, runMutation } from './run-mutation.js';

export type StopOutcome = {
  /** The pod as re-read after the stop; when the re-read failed, the pod before with status EXITED. */
  pod: Pod;
  /** False when RunPod could not be asked after the stop, so `pod.status` is what we expect, not what we saw. */
  confirmed: boolean;
  ownerId: string | null;
  reason: string | null;
  /** RunPod's error text when it reported a failure although the pod stopped. */
  recoveredFrom: string | null;
};

/** `/pod stop` and the Stop button: permission, podStop, then the real state read back. */
export async function stopPod(
  deps: ServiceDeps,
  actor: string,
  ref: string,
  reason: string | null,
): Promise<Result<StopOutcome, AppError>> {
  const found = await findPod(deps, ref);
  if (!found.ok) return found;
  const pod = found.value;
  const candidate = { id: pod.id, name: pod.name };
  const ownerId = await deps.store.getOwner(pod.id);
  const refused = await checkPermission(deps, {
    action: 'stop',
    auditAction: 'stop',
    actor,
    pod,
    ownerId,
    reason,
  });
  if (refused) return err(refused);

  if (isStopped(pod) || pod.locked) {
    const status = pod.locked && !isStopped(pod) ? 'LOCKED' : pod.status;
    await recordAudit(deps, {
      actor,
      pod: candidate,
      action: 'stop',
      reason,
      outcome: 'refused',
      detail: `refused: pod is ${status}`,
    });
    return err({ kind: 'invalid_state', pod: candidate, status, action: 'stop' });
  }

  const outcome = await runMutation(
    deps,
    pod.id,
    () => deps.gateway.stopPod(pod.id),
    (after) => after !== null && isStopped(after),
  );
  if (!outcome.ok) {
    await recordAudit(deps, {
      actor,
      pod: candidate,
      action: 'stop',
      reason,
      outcome: 'failed',
      detail: describeFailure(outcome.error),
    });
    if (outcome.error instanceof RunpodError) {
      return err({ kind: outcome.error.kind, detail: outcome.error.detail });
    }
    throw outcome.error;
  }

  const after = outcome.after ?? { ...pod, status: 'EXITED' as const, runtime: null };
  const recoveredFrom = outcome.recoveredFrom?.detail ?? null;
  await recordAudit(deps, {
    actor,
    pod: candidate,
    action: 'stop',
    reason,
    outcome: 'ok',
    detail:
      outcome.after == null
        ? 'RunPod accepted podStop; the pod could not be re-read'
        : `RunPod: desiredStatus ${after.status}${recoveredFrom ? ` (after reporting: ${recoveredFrom})` : ''}`,
  });
  return ok({ pod: after, confirmed: outcome.after != null, ownerId, reason, recoveredFrom });
}
