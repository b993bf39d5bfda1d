export type DigestSubscription = {
  channel: string;
  /** Local wall-clock time of the daily post. */
  hour: number;
  minute: number;
  timeZone: string;
  subscribedBy: string;
  subscribedAt: Date;
};

/** Alert state for hysteresis: an alert is posted once per crossing. */
export type AlertState = { key: string; active: boolean; changedAt: Date; value: number | null };

/** A pod podwarden stopped, for "saved by podwarden". */
export type SavingRecord = {
  podId: string;
  podName: string;
  stoppedAt: Date;
  costPerHr: number;
  ownerId: string | null;
  resumedAt: Date | null;
};
