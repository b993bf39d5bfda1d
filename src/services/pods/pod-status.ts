import type { AuditEntry } from '../../domain/audit.js';
import { type PodExposure, podExposure } from '../../domain/credential-exposure.js';
import type { AppError } from '../../domain/errors.js';
import { decide } from '../../domain/permissions.js';
import type { Pod } from '../../domain/pod.js';
import type { PodRef } from '../../domain/pod-ref.js';
import type { PodSample } from '../../domain/samples.js';
import { ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { findPod } from './find-pod.js';

export const STATUS_WINDOW_MS = 60 * 60_000;
const MIN_BUCKET_MS = 2 * 60_000;

export type PodStatusView = {
  pod: Pod;
  ownerId: string | null;
  /** Mean GPU utilization per bucket over the last 60 minutes, oldest first; null where no sample. */
  utilization: { bucketMs: number; values: (number | null)[] };
  /** The newest successful action on the pod, by a person or by podwarden. */
  lastAction: AuditEntry | null;
  /** The viewer may stop or resume it: only then does the reply carry the button. */
  mayAct: boolean;
  /** A notebook open without a password, or plain-text credentials (names only); null: none seen. */
  exposure?: PodExposure | null;
  /** `/pod autoresume` is on for the pod. */
  autoresume?: boolean;
  at: Date;
};

/**
 * Buckets samples into equal slots over [from, to): each slot's value is the mean utilization of
 * every GPU in every sample of the slot that carried a runtime; null when there was none.
 */
export function utilizationSeries(
  samples: readonly PodSample[],
  from: Date,
  to: Date,
  bucketMs: number,
): (number | null)[] {
  const count = Math.max(1, Math.ceil((to.getTime() - from.getTime()) / bucketMs));
  const sums = Array.from({ length: count }, () => ({ total: 0, n: 0 }));
  for (const sample of samples) {
    if (sample.status !== 'RUNNING' || !sample.hasRuntime || sample.gpuUtil.length === 0) continue;
    const index = Math.floor((sample.at.getTime() - from.getTime()) / bucketMs);
    const slot = sums[index];
    if (!slot) continue;
    for (const util of sample.gpuUtil) {
      slot.total += util;
      slot.n += 1;
    }
  }
  return sums.map((slot) => (slot.n === 0 ? null : slot.total / slot.n));
}

/** `/pod status`: the pod, its owner, the last hour of GPU use and who last acted on it. */
export async function podStatus(
  deps: ServiceDeps,
  actor: string,
  ref: PodRef,
): Promise<Result<PodStatusView, AppError>> {
  const found = await findPod(deps, ref);
  if (!found.ok) return found;
  const pod = found.value;
  const at = deps.clock.now();
  const from = new Date(at.getTime() - STATUS_WINDOW_MS);
  const bucketMs = Math.max(MIN_BUCKET_MS, deps.settings.pollIntervalMs);
  const [ownerId, samples, audit, autoresume] = await Promise.all([
    deps.store.getOwner(pod.id),
    deps.store.listSamples(pod.id, from, at),
    deps.store.listAudit(pod.id, 20),
    deps.store.listAutoresume(),
  ]);
  return ok({
    pod,
    ownerId,
    utilization: { bucketMs, values: utilizationSeries(samples, from, at, bucketMs) },
    lastAction: audit.find((entry) => entry.outcome === 'ok') ?? null,
    mayAct: decide('stop', actor, ownerId, deps.settings).allowed,
    exposure: podExposure(pod),
    autoresume: autoresume.has(pod.id),
    at,
  });
}
