/**
 * Storage prices RunPod charges on top of a pod's `costPerHr`, from docs.runpod.io "Billing
 * information" (read 2026-11, recorded in reference/README.md). Storage is billed per minute;
 * podwarden integrates it per second, which differs by less than a cent a month per pod.
 */

/** Volume disk of a STOPPED pod, USD per GB per month (the container disk is not charged then). */
export const STOPPED_VOLUME_USD_PER_GB_MONTH = 0.2;

/** Network volumes below 1 TB, USD per GB per month. */
export const NETWORK_VOLUME_USD_PER_GB_MONTH = 0.07;

/** Network volumes of 1 TB and more, USD per GB per month. */
export const NETWORK_VOLUME_LARGE_USD_PER_GB_MONTH = 0.05;

/** Where the network volume price steps down, in GB (1 TB). */
export const NETWORK_VOLUME_LARGE_FROM_GB = 1000;

/**
 * RunPod quotes storage per month without saying which month; podwarden uses a 30-day month, so a
 * 100 GB stopped volume costs $20.00 per 30 days, $0.67 a day.
 */
export const SECONDS_PER_BILLING_MONTH = 30 * 24 * 3600;

/** USD per second for the volume of a stopped pod. */
export function stoppedVolumeUsdPerSecond(volumeInGb: number | null): number {
  if (volumeInGb === null || volumeInGb <= 0) return 0;
  return (volumeInGb * STOPPED_VOLUME_USD_PER_GB_MONTH) / SECONDS_PER_BILLING_MONTH;
}

/** USD per month for a network volume of the given size. */
export function networkVolumeUsdPerMonth(sizeInGb: number): number {
  if (sizeInGb <= 0) return 0;
  const rate =
    sizeInGb >= NETWORK_VOLUME_LARGE_FROM_GB
      ? NETWORK_VOLUME_LARGE_USD_PER_GB_MONTH
      : NETWORK_VOLUME_USD_PER_GB_MONTH;
  return sizeInGb * rate;
}

/** USD per day for a stopped pod's volume, for "stopped pods still billing storage". */
export function stoppedVolumeUsdPerDay(volumeInGb: number | null): number {
  return stoppedVolumeUsdPerSecond(volumeInGb) * 86_400;
}
