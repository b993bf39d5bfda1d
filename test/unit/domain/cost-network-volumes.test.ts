import { describe, expect, it } from 'vitest';
import {
  networkVolumeCharge,
  networkVolumeUsd,
  withNetworkVolumes,
} from '../../../src/domain/cost-network-volumes.js';
import { summarizeCost } from '../../../src/domain/cost-summary.js';
import type { NetworkVolume } from '../../../src/domain/pod.js';

const DAY = 86_400_000;
const volume = (sizeGb: number, id = `nv${sizeGb}`): NetworkVolume => ({
  id,
  name: id,
  sizeGb,
  dataCenterId: 'EU-RO-1',
});

describe('networkVolumeUsd', () => {
  it('charges a volume below 1 TB $0.07 per GB-month: 250 GB for one day of a 30-day month', () => {
    expect(networkVolumeUsd([volume(250)], 0, DAY)).toBeCloseTo((250 * 0.07) / 30, 10);
    expect(networkVolumeUsd([volume(250)], 0, DAY)).toBeCloseTo(0.5833, 4);
  });

  it('charges a volume of 1 TB and more $0.05 per GB-month', () => {
    expect(networkVolumeUsd([volume(1000)], 0, DAY)).toBeCloseTo((1000 * 0.05) / 30, 10);
    expect(networkVolumeUsd([volume(2000)], 0, 30 * DAY)).toBeCloseTo(100, 10);
  });

  it('prices each volume at its own size and scales with the period', () => {
    const both = [volume(500), volume(2000)];
    expect(networkVolumeUsd(both, 0, DAY)).toBeCloseTo((500 * 0.07 + 2000 * 0.05) / 30, 10);
    expect(networkVolumeUsd(both, 0, 7 * DAY)).toBeCloseTo((7 * (500 * 0.07 + 2000 * 0.05)) / 30, 10);
  });

  it('is nothing for no volumes, a zero size or an empty period', () => {
    expect(networkVolumeUsd([], 0, DAY)).toBe(0);
    expect(networkVolumeUsd([volume(0)], 0, DAY)).toBe(0);
    expect(networkVolumeUsd([volume(250)], DAY, DAY)).toBe(0);
  });
});

describe('networkVolumeCharge and withNetworkVolumes', () => {
  it('sums sizes, the period and a day, and says nothing without volumes', () => {
    expect(networkVolumeCharge([volume(250), volume(100)], 0, 2 * DAY)).toEqual({
      count: 2,
      sizeGb: 350,
      usd: expect.closeTo((2 * 350 * 0.07) / 30, 10),
      usdPerDay: expect.closeTo((350 * 0.07) / 30, 10),
    });
    expect(networkVolumeCharge([], 0, DAY)).toBeNull();
    expect(networkVolumeCharge(null, 0, DAY)).toBeNull();
  });

  it('adds the volumes over the summary period to storage and total, leaving owners alone', () => {
    const summary = summarizeCost([], new Date(0), new Date(DAY));
    const charged = withNetworkVolumes(summary, [volume(250)]);
    expect(charged.totals.storageUsd).toBeCloseTo(0.5833, 4);
    expect(charged.totals.totalUsd).toBeCloseTo(0.5833, 4);
    expect(charged.byOwner).toEqual([]);
    expect(withNetworkVolumes(summary, null)).toBe(summary);
  });
});
