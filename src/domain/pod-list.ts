import type { Pod } from './pod.js';

/** Which pods `/pod list` shows (the same shape as the slash grammar's filter). */
export type PodListFilter =
  | { kind: 'all' }
  | { kind: 'mine' }
  | { kind: 'user'; userId: string }
  | { kind: 'running' }
  | { kind: 'stopped' };

/** A pod with the owner podwarden knows for it (null: unowned). */
export type OwnedPod = { pod: Pod; ownerId: string | null };

const STOPPED = new Set(['EXITED', 'PAUSED', 'DEAD']);

export const isStopped = (pod: Pick<Pod, 'status'>): boolean => STOPPED.has(pod.status);

export function filterPods(pods: readonly OwnedPod[], filter: PodListFilter, actor: string): OwnedPod[] {
  const live = pods.filter((p) => p.pod.status !== 'TERMINATED');
  switch (filter.kind) {
    case 'all':
      return live;
    case 'mine':
      return live.filter((p) => p.ownerId === actor);
    case 'user':
      return live.filter((p) => p.ownerId === filter.userId);
    case 'running':
      return live.filter((p) => p.pod.status === 'RUNNING');
    case 'stopped':
      return live.filter((p) => isStopped(p.pod));
  }
}

/** Most expensive running pods first, then the others by cost, then by name. */
export function sortPodsForList(pods: readonly OwnedPod[]): OwnedPod[] {
  const rank = (p: OwnedPod) => (p.pod.status === 'RUNNING' ? 0 : 1);
  return [...pods].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.pod.costPerHr - a.pod.costPerHr ||
      a.pod.name.localeCompare(b.pod.name) ||
      a.pod.id.localeCompare(b.pod.id),
  );
}
