import type { PodListFilter } from '../../domain/pod-list.js';

/**
 * Where a pod's row sits in a `/pod list` message: its filter and page, carried in the row's
 * block_id (`list|<filter>|<offset>|<pod id>`), so that a Stop or Resume pressed on the list can
 * show the same list again with the pod's new state. Untrusted when it comes back: it only picks
 * which list to show, never what may be done.
 */
export type ListPlace = { filter: PodListFilter; offset: number };

const filterKey = (filter: PodListFilter): string =>
  filter.kind === 'user' ? `user:${filter.userId}` : filter.kind;

export const listRowBlockId = (place: ListPlace, podId: string): string =>
  `list|${filterKey(place.filter)}|${place.offset}|${podId}`;

const PLACE = /^list\|(all|mine|running|stopped|user:[UW][A-Z0-9]+)\|(\d{1,5})\|[A-Za-z0-9_-]{1,64}$/;

export function parseListPlace(blockId: string): ListPlace | null {
  const match = PLACE.exec(blockId);
  if (!match?.[1] || !match[2]) return null;
  const key = match[1];
  const filter: PodListFilter = key.startsWith('user:')
    ? { kind: 'user', userId: key.slice('user:'.length) }
    : { kind: key as 'all' | 'mine' | 'running' | 'stopped' };
  return { filter, offset: Number(match[2]) };
}
