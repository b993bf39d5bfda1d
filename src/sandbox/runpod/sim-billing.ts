/**
 * What the simulated RunPod charges, derived from each pod's history of running and stopped
 * stretches. Compute is billed per second while running; storage (prices from
 * shared/reference/README.md) is $0.10 per GB-month for all disks of a running pod and $0.20 per
 * GB-month for the volume of a stopped one. A month is taken as 30 days.
 */
export type BillingSegment = {
  start: Date;
  /** null while the stretch is still open. */
  end: Date | null;
  running: boolean;
  /** USD per hour of compute while running. */
  costPerHr: number;
  gpuCount: number;
  containerDiskInGb: number;
  volumeInGb: number;
};

export type SimBillingRecord = {
  podId: string;
  startTime: string;
  endTime: string;
  gpuAmount: number;
  cpuAmount: number;
  diskAmount: number;
  totalAmount: number;
};

const HOUR_MS = 3_600_000;
const MONTH_MS = 30 * 24 * HOUR_MS;
const RUNNING_STORAGE_PER_GB_MONTH = 0.1;
const STOPPED_VOLUME_PER_GB_MONTH = 0.2;

export type SegmentCharge = { compute: number; disk: number };

/** The charge of one segment within [from, to). */
export function chargeWithin(segment: BillingSegment, from: Date, to: Date, now: Date): SegmentCharge {
  const start = Math.max(segment.start.getTime(), from.getTime());
  const end = Math.min((segment.end ?? now).getTime(), to.getTime());
  const ms = Math.max(0, end - start);
  if (ms === 0) return { compute: 0, disk: 0 };
  if (segment.running) {
    return {
      compute: (segment.costPerHr * ms) / HOUR_MS,
      disk: ((segment.containerDiskInGb + segment.volumeInGb) * RUNNING_STORAGE_PER_GB_MONTH * ms) / MONTH_MS,
    };
  }
  return { compute: 0, disk: (segment.volumeInGb * STOPPED_VOLUME_PER_GB_MONTH * ms) / MONTH_MS };
}

/** Total USD charged for the segments within [from, to). */
export function spendWithin(segments: readonly BillingSegment[], from: Date, to: Date, now: Date): number {
  let total = 0;
  for (const segment of segments) {
    const charge = chargeWithin(segment, from, to, now);
    total += charge.compute + charge.disk;
  }
  return total;
}

const round = (usd: number): number => Math.round(usd * 10_000) / 10_000;

/** One record per pod and bucket with a non-zero charge, buckets aligned to UTC midnight for days. */
export function billingRecords(
  history: ReadonlyMap<string, readonly BillingSegment[]>,
  from: Date,
  to: Date,
  bucketMs: number,
  now: Date,
): SimBillingRecord[] {
  const records: SimBillingRecord[] = [];
  const firstBucket = Math.floor(from.getTime() / bucketMs) * bucketMs;
  for (const [podId, segments] of history) {
    for (let bucket = firstBucket; bucket < to.getTime(); bucket += bucketMs) {
      const start = new Date(bucket);
      const end = new Date(bucket + bucketMs);
      let gpu = 0;
      let cpu = 0;
      let disk = 0;
      for (const segment of segments) {
        const charge = chargeWithin(segment, start, end, now);
        if (segment.gpuCount > 0) gpu += charge.compute;
        else cpu += charge.compute;
        disk += charge.disk;
      }
      const total = gpu + cpu + disk;
      if (total <= 0) continue;
      records.push({
        podId,
        startTime: start.toISOString(),
        endTime: end.toISOString(),
        gpuAmount: round(gpu),
        cpuAmount: round(cpu),
        diskAmount: round(disk),
        totalAmount: round(total),
      });
    }
  }
  return records;
}
