import type { BillingRecord } from './pod.js';

/** RunPod's figure is shown next to podwarden's when they differ by more than this share. */
export const RECONCILE_TOLERANCE = 0.02;

/**
 * RunPod's billed total for [from, to). Its records are buckets (days in UTC); a bucket that only
 * partly overlaps the period (a reader's day in another zone) counts in proportion, an estimate.
 */
export function billedInRange(records: readonly BillingRecord[], from: Date, to: Date): number {
  let total = 0;
  for (const record of records) {
    const startMs = record.start.getTime();
    const endMs = record.end.getTime();
    if (endMs <= startMs) {
      if (startMs >= from.getTime() && startMs < to.getTime()) total += record.totalAmount;
      continue;
    }
    const overlap = Math.min(endMs, to.getTime()) - Math.max(startMs, from.getTime());
    if (overlap > 0) total += (record.totalAmount * overlap) / (endMs - startMs);
  }
  return total;
}

/** True when the two figures differ by more than 2 % (of the larger), and by at least a cent. */
export function billingDiffers(oursUsd: number, runpodUsd: number): boolean {
  const gap = Math.abs(oursUsd - runpodUsd);
  if (gap < 0.01) return false;
  return gap / Math.max(Math.abs(oursUsd), Math.abs(runpodUsd)) > RECONCILE_TOLERANCE;
}
