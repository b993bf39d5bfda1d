import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NetworkVolume } from '../../../src/domain/pod.js';
import { createCostService } from '../../../src/services/cost-service.js';
import { createDigestService } from '../../../src/services/digest-service.js';
import type { Store } from '../../../src/services/ports.js';
import { buildCostReply } from '../../../src/slack/blocks/cost-blocks.js';
import { costDeps, runpodDown, tempDatabase } from '../../fixtures/cost-deps.js';
import { series } from '../../fixtures/cost-samples.js';

const shared: NetworkVolume = { id: 'nv1', name: 'shared-datasets', sizeGb: 250, dataCenterId: 'EU-RO-1' };

let db: Awaited<ReturnType<typeof tempDatabase>>;
let store: Store;

beforeEach(async () => {
  db = await tempDatabase();
  store = await db.open();
  // One pod at $3/h for all of 9 Nov (UTC): $72 of compute yesterday.
  await store.insertSamples(
    series({ costPerHr: 3, from: '2026-11-09T00:00:00Z', to: '2026-11-10T00:00:00Z', stepMs: 300_000 }),
  );
});

afterEach(async () => {
  await db.cleanup();
});

const setup = (volumes: () => Promise<NetworkVolume[]>) => {
  const deps = costDeps(store, '2026-11-10T10:00:00Z', { pollIntervalMs: 300_000, digestTz: 'UTC' });
  deps.gateway.listNetworkVolumes = volumes;
  return deps;
};

describe('network volumes in /pod cost and the digest', () => {
  it('/pod cost adds the volume over the period to storage and the total, and says so', async () => {
    const deps = setup(async () => [shared]);
    const result = await createCostService(deps).report({ askerId: 'U1', period: 'yesterday', userId: null });
    if (!result.ok) throw new Error('expected a report');
    const { summary, networkVolumes } = result.value;
    const day = (250 * 0.07) / 30;
    expect(networkVolumes).toMatchObject({ count: 1, sizeGb: 250, usd: expect.closeTo(day, 9) });
    expect(summary.totals.storageUsd).toBeCloseTo(day, 9);
    expect(summary.totals.totalUsd).toBeCloseTo(72 + day, 9);

    const text = buildCostReply(result.value).text;
    expect(text).toContain('*Total:* $72.58');
    expect(text).toContain('Network volumes (as they are now): 1 volume, 250 GB, $0.58 in this period');
    expect(text).not.toContain('storage of stopped pods');
  });

  it('the digest shows the volume line and counts it in yesterday', async () => {
    const deps = setup(async () => [shared]);
    const { message, model } = await createDigestService(deps).build('UTC');
    expect(model.yesterday.totalUsd).toBeCloseTo(72 + (250 * 0.07) / 30, 9);
    expect(message.text).toContain('*Yesterday:* $72.58');
    expect(message.text).toContain('network volumes $0.58');
    expect(message.text).toContain('*Network volumes (as they are now):* 1 volume, 250 GB, $0.58 a day');
  });

  it('a RunPod failure reading volumes leaves the report as it was, without a volume line', async () => {
    const deps = setup(async () => {
      throw runpodDown();
    });
    const result = await createCostService(deps).report({ askerId: 'U1', period: 'yesterday', userId: null });
    if (!result.ok) throw new Error('expected a report');
    expect(result.value.summary.totals.totalUsd).toBeCloseTo(72, 9);
    expect(buildCostReply(result.value).text).not.toContain('Network volumes');
    const { message } = await createDigestService(deps).build('UTC');
    expect(message.text).toContain('*Yesterday:* $72.00');
    expect(message.text).not.toContain('etwork volumes');
  });
});
