import type { AppError } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import { isStopped } from '../../domain/pod-list.js';
import type { PodRef } from '../../domain/pod-ref.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { failedMutation } from './failed-mutation.js';
import { findPermittedPod } from './permitted-pod.js';
import { type ActionAudit, recordAudit } from './record-audit.js';
import { runMutation } from './run-mutation.js';

export type StopOutcome = {
  /** The pod as re-read after the stop; when the re-read failed, the pod before with status EXITED. */
  pod: Pod;
  /** False when RunPod could not be asked after the stop, so `pod.status` is what we expect, not what we saw. */
  confirmed: boolean;
  ownerId: string | null;
  reason: string | null;
  /** RunPod's error text when it reported a failure although the pod stopped. */
  recoveredFrom: string | null;
  /** The actor's first stop through podwarden: what a stop means is said to them in full, once. */
  firstStopByActor: boolean;
};

/** The once-per-person flag (a compare-and-set in the store's flag table, like alerts). */
export const stopExplainedKey = (actor: string): string => `notice:stop-explained:${actor}`;

/** `/pod stop` and the Stop button: permission, podStop, then the real state read back. */
export async function stopPod(
  deps: ServiceDeps,
  actor: string,
  ref: PodRef,
  reason: string | null,
): Promise<Result<StopOutcome, AppError>> {
  const permitted = await findPermittedPod(deps, { ref, actor, action: 'stop', reason });
  if (!permitted.ok) return permitted;
  const { pod, candidate, ownerId } = permitted.value;
  const audit: ActionAudit = { actor, pod: candidate, action: 'stop', reason };

  if (isStopped(pod) || pod.locked) {
    const status = pod.locked && !isStopped(pod) ? 'LOCKED' : pod.status;
    await recordAudit(deps, { ...audit, outcome: 'refused', detail: `refused: pod is ${status}` });
    return err({ kind: 'invalid_state', pod: candidate, status, action: 'stop' });
  }

  const outcome = await runMutation(
    deps,
    pod.id,
    () => deps.gateway.stopPod(pod.id),
    (after) => after !== null && isStopped(after),
  );
  if (!outcome.ok) return failedMutation(deps, audit, outcome.error);

  const after = outcome.after ?? { ...pod, status: 'EXITED' as const, runtime: null };
  const recoveredFrom = outcome.recoveredFrom?.detail ?? null;
  await recordAudit(deps, {
    ...audit,
    outcome: 'ok',
    detail:
      outcome.after == null
        ? 'RunPod accepted podStop; the pod could not be re-read'
        : `RunPod: desiredStatus ${after.status}${recoveredFrom ? ` (after reporting: ${recoveredFrom})` : ''}`,
  });
  const firstStopByActor = await deps.store.flipAlert(stopExplainedKey(actor), true, deps.clock.now(), null);
  return ok({
    pod: after,
    confirmed: outcome.after != null,
    ownerId,
    reason,
    recoveredFrom,
    firstStopByActor,
  });
}
