import { describe, expect, it } from 'vitest';
import type { DigestModel } from '../../../src/domain/digest-model.js';
import { serverlessSection, withServerless } from '../../../src/domain/digest-serverless.js';
import {
  alwaysOnUsdPerDay,
  perGpuHour,
  type ServerlessEndpoint,
  type ServerlessFacts,
  serverlessSpend,
} from '../../../src/domain/serverless.js';
import { serverlessLines } from '../../../src/domain/serverless-text.js';

const DAY = 86_400_000;
const from = new Date('2026-11-29T00:00:00Z');
const to = new Date(from.getTime() + DAY);

const endpoint = (over: Partial<ServerlessEndpoint>): ServerlessEndpoint => ({
  id: 'ep1',
  name: 'sdxl-turbo-api',
  workersMin: 0,
  workersMax: 3,
  gpuPools: ['ADA_24'],
  gpuCount: 1,
  ...over,
});

const prices = new Map([
  ['ADA_24', 0.69],
  ['AMPERE_48', 0.00034],
]);

describe('always-on estimate', () => {
  it('is workers.min × GPUs per worker × the pool price × 24 h, from the first priced pool', () => {
    expect(alwaysOnUsdPerDay(endpoint({ workersMin: 2 }), prices)).toBeCloseTo(2 * 0.69 * 24, 10);
    expect(
      alwaysOnUsdPerDay(endpoint({ workersMin: 1, gpuCount: 2, gpuPools: ['HOPPER_141', 'ADA_24'] }), prices),
    ).toBeCloseTo(2 * 0.69 * 24, 10);
  });

  it('reads a price under a cent as per second; none without always-on workers or a known price', () => {
    expect(perGpuHour(0.00034)).toBeCloseTo(1.224, 10);
    expect(perGpuHour(1.22)).toBe(1.22);
    expect(alwaysOnUsdPerDay(endpoint({ workersMin: 0 }), prices)).toBeNull();
    expect(alwaysOnUsdPerDay(endpoint({ workersMin: 1, gpuPools: ['HOPPER_141'] }), prices)).toBeNull();
    expect(alwaysOnUsdPerDay(endpoint({ workersMin: 1, gpuPools: [] }), prices)).toBeNull();
  });
});

describe('serverlessSpend', () => {
  const facts: ServerlessFacts = {
    endpoints: [
      endpoint({ id: 'ep1', name: 'sdxl-turbo-api', workersMin: 2 }),
      endpoint({ id: 'ep2', name: 'whisper', gpuPools: ['AMPERE_48'] }),
      endpoint({ id: 'ep3', name: 'unused' }),
    ],
    billing: [
      { podId: 'ep1', start: from, end: to, totalAmount: 34 },
      { podId: 'ep2', start: from, end: to, totalAmount: 3.1 },
      // Half of this bucket lies inside the period.
      {
        podId: 'ep2',
        start: new Date(to.getTime() - DAY / 2),
        end: new Date(to.getTime() + DAY / 2),
        totalAmount: 2,
      },
      { podId: 'gone1', start: from, end: to, totalAmount: 1.5 },
    ],
    poolPrices: prices,
  };

  it('sums billing per endpoint over the period, keeps deleted endpoints that billed, drops idle ones', () => {
    const spend = serverlessSpend(facts, from, to);
    expect(spend.endpoints.map((e) => [e.name, Math.round(e.billedUsd * 100) / 100, e.gone])).toEqual([
      ['sdxl-turbo-api', 34, false],
      ['whisper', 4.1, false],
      ['gone1', 1.5, true],
    ]);
    expect(spend.totalUsd).toBeCloseTo(39.6, 10);
    expect(spend.endpoints[0]?.alwaysOnUsdPerDay).toBeCloseTo(33.12, 10);
  });

  it('keeps an endpoint with always-on workers even when it billed nothing', () => {
    const spend = serverlessSpend({ ...facts, billing: [] }, from, to);
    expect(spend.endpoints.map((e) => e.name)).toEqual(['sdxl-turbo-api']);
  });

  it('reads as the digest section: billed total, each endpoint, the always-on estimate named as such', () => {
    const spend = serverlessSpend(facts, from, to);
    const model = withServerless(
      { quiet: true, yesterday: { totalUsd: 100 } } as unknown as DigestModel,
      spend,
    );
    expect(model.quiet).toBe(false);
    const [text] = serverlessSection(model);
    expect(text).toContain('*Serverless endpoints, yesterday:* $39.60 (RunPod billing)');
    expect(text).toContain(
      '• `sdxl-turbo-api` $34.00 · 2 always-on workers ≈ $33.12 a day (estimate: 2 × 1 GPU × $0.69/h × 24 h)',
    );
    expect(text).toContain('• `gone1` (deleted) $1.50');
    expect(text).toContain('an estimate from the GPU price');
    expect(text).toContain('*Pods and serverless together, yesterday:* $139.60');
  });

  it('is one plain line when serverless could not be read, and nothing without endpoints', () => {
    expect(serverlessLines({ kind: 'unavailable', reason: 'unreachable' }, 'x')).toEqual([
      "Serverless endpoints not included: RunPod's REST API, where podwarden reads them, is not answering.",
    ]);
    expect(serverlessLines({ kind: 'ok', totalUsd: 0, endpoints: [] }, 'x')).toEqual([]);
    expect(serverlessLines(null, 'x')).toEqual([]);
  });
});
