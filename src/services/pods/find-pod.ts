import type { AppError } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import { type PodRef, resolvePodRef } from '../../domain/pod-ref.js';
import type { Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';

/** Every live pod of the account (one RunPod request); terminated ones are gone. */
export async function listLivePods(deps: Pick<ServiceDeps, 'gateway'>): Promise<Pod[]> {
  const pods = await deps.gateway.listPods();
  return pods.filter((pod) => pod.status !== 'TERMINATED');
}

/** Resolves a user's pod reference against the account's pods as RunPod reports them now. */
export async function findPod(
  deps: Pick<ServiceDeps, 'gateway'>,
  ref: PodRef,
): Promise<Result<Pod, AppError>> {
  return resolvePodRef(await listLivePods(deps), ref);
}
