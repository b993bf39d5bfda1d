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

export type ResumeOutcome = {
  /** The pod as re-read after the resume (or as before with status RUNNING when the re-read failed). */
  pod: Pod;
  confirmed: boolean;
  ownerId: string | null;
  /** GPUs asked for. */
  gpuCount: number;
  /** Resumed with zero GPUs: asked for, or given by RunPod (data recovery only). */
  zeroGpu: boolean;
  /** Spot pods resume with a bid. */
  bidPerGpu: number | null;
  recoveredFrom: string | null;
};

/**
 * The per-GPU bid a spot pod resumes with: RunPod's `lowestBidPriceToResume` when it gives one,
 * else the pod's current price per GPU.
 */
export const currentBidPerGpu = (pod: Pod): number =>
  pod.lowestBidPriceToResume != null && pod.lowestBidPriceToResume > 0
    ? pod.lowestBidPriceToResume
    : Math.round((pod.costPerHr / Math.max(1, pod.gpuCount)) * 10_000) / 10_000;

/** `/pod resume` and the Resume button: permission, podResume or podBidResume, then re-read. */
export async function resumePod(
  deps: ServiceDeps,
  actor: string,
  ref: PodRef,
  requestedGpus: number | null,
): Promise<Result<ResumeOutcome, AppError>> {
  const reason = requestedGpus === null ? null : `${requestedGpus} GPU${requestedGpus === 1 ? '' : 's'}`;
  const permitted = await findPermittedPod(deps, { ref, actor, action: 'resume', reason });
  if (!permitted.ok) return permitted;
  const { pod, candidate, ownerId } = permitted.value;
  const audit: ActionAudit = { actor, pod: candidate, action: 'resume', reason };
  const gpuCount = requestedGpus ?? (pod.gpuCount > 0 ? pod.gpuCount : 1);

  if (!isStopped(pod)) {
    await recordAudit(deps, { ...audit, outcome: 'refused', detail: `refused: pod is ${pod.status}` });
    return err({ kind: 'invalid_state', pod: candidate, status: pod.status, action: 'resume' });
  }

  const bidPerGpu = pod.isSpot ? currentBidPerGpu(pod) : null;
  const outcome = await runMutation(
    deps,
    pod.id,
    () =>
      bidPerGpu !== null
        ? deps.gateway.bidResumePod(pod.id, gpuCount, bidPerGpu)
        : deps.gateway.resumePod(pod.id, gpuCount),
    (after) => after?.status === 'RUNNING',
  );
  if (!outcome.ok) return failedMutation(deps, audit, outcome.error);

  const after = outcome.after ?? { ...pod, status: 'RUNNING' as const, gpuCount };
  const recoveredFrom = outcome.recoveredFrom?.detail ?? null;
  await recordAudit(deps, {
    ...audit,
    outcome: 'ok',
    detail:
      outcome.after == null
        ? `RunPod accepted ${bidPerGpu === null ? 'podResume' : 'podBidResume'}; the pod could not be re-read`
        : `RunPod: desiredStatus ${after.status}, ${after.gpuCount} GPU(s)${recoveredFrom ? ` (after reporting: ${recoveredFrom})` : ''}`,
  });
  return ok({
    pod: after,
    confirmed: outcome.after != null,
    ownerId,
    gpuCount,
    // What RunPod did, not what was asked: it may bring a pod back with 1 GPU when asked for 0.
    zeroGpu: outcome.after != null ? after.status === 'RUNNING' && after.gpuCount === 0 : gpuCount === 0,
    bidPerGpu,
    recoveredFrom,
  });
}
