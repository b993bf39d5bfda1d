import type { PodStatus } from '../domain/pod.js';

const KNOWN: readonly PodStatus[] = [
  'RUNNING',
  'EXITED',
  'CREATED',
  'RESTARTING',
  'PAUSED',
  'DEAD',
  'TERMINATED',
];

/** RunPod's desiredStatus as the domain's; a value RunPod adds later reads as UNKNOWN. */
export function toPodStatus(value: string | null | undefined): PodStatus {
  const upper = (value ?? '').toUpperCase();
  return KNOWN.find((status) => status === upper) ?? 'UNKNOWN';
}
