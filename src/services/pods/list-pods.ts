import type { AppError } from '../../domain/errors.js';
import { filterPods, type OwnedPod, type PodListFilter, sortPodsForList } from '../../domain/pod-list.js';
import { ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { listLivePods } from './find-pod.js';

export type PodListView = {
  /** The pods the filter keeps, most expensive running first. */
  pods: OwnedPod[];
  filter: PodListFilter;
  /** Every live pod of the account, before filtering. */
  accountTotal: number;
  at: Date;
};

/** `/pod list`: one RunPod request, owners from the store, unowned pods as such. */
export async function listPods(
  deps: ServiceDeps,
  actor: string,
  filter: PodListFilter,
): Promise<Result<PodListView, AppError>> {
  const [pods, owners] = await Promise.all([listLivePods(deps), deps.store.listOwners()]);
  const owned = pods.map((pod) => ({ pod, ownerId: owners.get(pod.id) ?? null }));
  return ok({
    pods: sortPodsForList(filterPods(owned, filter, actor)),
    filter,
    accountTotal: owned.length,
    at: deps.clock.now(),
  });
}
