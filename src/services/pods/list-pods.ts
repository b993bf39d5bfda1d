import type { AppError } from '../../domain/errors.js';
import { decide } from '../../domain/permissions.js';
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
  /** Ids of the listed pods the viewer may stop or resume: only those carry buttons. */
  actable: ReadonlySet<string>;
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
  const listed = sortPodsForList(filterPods(owned, filter, actor));
  return ok({
    pods: listed,
    filter,
    accountTotal: owned.length,
    actable: new Set(
      listed.filter((p) => decide('stop', actor, p.ownerId, deps.settings).allowed).map((p) => p.pod.id),
    ),
    at: deps.clock.now(),
  });
}
