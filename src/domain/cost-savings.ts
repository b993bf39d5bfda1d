import type { SavingRecord } from './digest-subscription.js';

export type Saving = SavingRecord & {
  /** costPerHr × hours from the stop until resumed, or until now while it stays stopped. */
  savedUsd: number;
  /** The share of savedUsd that falls inside the period asked about. */
  savedInPeriodUsd: number;
};

/**
 * "Saved by podwarden": a pod podwarden stopped would have kept costing its hourly rate until
 * someone resumed it (or until now). An estimate: it assumes the pod would otherwise have run on.
 */
export function savingsOf(records: readonly SavingRecord[], from: Date, to: Date, now: Date): Saving[] {
  const hours = (startMs: number, endMs: number) => Math.max(0, endMs - startMs) / 3_600_000;
  return records.map((record) => {
    const endMs = Math.min(record.resumedAt?.getTime() ?? now.getTime(), now.getTime());
    const startMs = record.stoppedAt.getTime();
    return {
      ...record,
      savedUsd: record.costPerHr * hours(startMs, endMs),
      savedInPeriodUsd:
        record.costPerHr * hours(Math.max(startMs, from.getTime()), Math.min(endMs, to.getTime())),
    };
  });
}
