import { describe, expect, it } from 'vitest';
import { integrateSamples } from '../../../src/domain/cost-ledger.js';
import { composeDigest } from '../../../src/domain/digest-compose.js';
import { digestMessage } from '../../../src/domain/digest-message.js';
import { withRepeatedKeeps } from '../../../src/domain/digest-repeated-keeps.js';
import { formatLocalWhen } from '../../../src/lib/time-zone.js';
import { series } from '../../fixtures/cost-samples.js';
import {
  GOLDEN_BALANCE,
  GOLDEN_NOW,
  GOLDEN_POLL_MS,
  GOLDEN_SPEND_PER_HOUR,
  GOLDEN_TZ,
  goldenSamples,
  goldenSavings,
  goldenExpected as x,
} from '../../fixtures/golden-digest.js';
import { dateToken } from '../../support/date-token.js';

function goldenDigest(runpodYesterdayUsd: number | null = null) {
  const pieces = integrateSamples(goldenSamples, {
    pollIntervalMs: GOLDEN_POLL_MS,
    idleGpuUtil: 5,
    now: GOLDEN_NOW,
  });
  return composeDigest({
    now: GOLDEN_NOW,
    timeZone: GOLDEN_TZ,
    pollIntervalMs: GOLDEN_POLL_MS,
    pieces,
    recentSamples: goldenSamples.filter((s) => s.at.getTime() >= GOLDEN_NOW.getTime() - 3 * GOLDEN_POLL_MS),
    savings: goldenSavings,
    balanceUsd: GOLDEN_BALANCE,
    spendPerHour: GOLDEN_SPEND_PER_HOUR,
    runpodYesterdayUsd,
  });
}

const lineWith = (text: string, start: string) => text.split('\n').find((l) => l.includes(start)) ?? '';

describe('the golden digest (hand-computed in test/fixtures/golden-digest.ts)', () => {
  it('adds up to the cent', () => {
    const model = goldenDigest();
    expect(model.yesterday.totalUsd).toBeCloseTo(24, 10);
    expect(model.dayBeforeUsd).toBeCloseTo(4.8333, 4);
    expect(model.monthToDateUsd).toBeCloseTo(80.5833, 4);
    expect(model.monthForecastUsd).toBeCloseTo(1813.0833, 4);
    expect(model.runwayDays).toBeCloseTo(250 / 84, 10);
    expect(model.savedYesterdayUsd).toBeCloseTo(20, 10);
  });

  it('reads as the team expects', () => {
    const { text } = digestMessage(goldenDigest());
    expect(text).toContain('GPU digest for Mon 9 Nov');
    expect(lineWith(text, '*Yesterday:*')).toBe(
      `*Yesterday:* ${x.yesterday} (${x.change} vs ${x.dayBefore} the day before) · idle ${x.idle} (${x.idleShare} of GPU spend) · storage of stopped pods $0.50`,
    );
    expect(lineWith(text, '*This month:*')).toBe(
      `*This month:* ${x.monthToDate} so far · forecast ${x.forecast} at ${x.runningRate} now`,
    );
    expect(lineWith(text, '*Balance:*')).toBe(`*Balance:* ${x.balance} · runway ${x.runway} at this rate`);
    expect(lineWith(text, '<@UALICE>:')).toBe(`• <@UALICE>: ${x.alice} · 6 h GPU · idle 2 h ($4.00)`);
    expect(lineWith(text, '<@UBOB>:')).toBe(`• <@UBOB>: ${x.bob} · 6 h GPU · idle 0 h ($0.00)`);
    expect(lineWith(text, '_unowned_:')).toBe(`• _unowned_: ${x.unowned} · 2 h GPU · idle 2 h ($1.00)`);
    expect(text).toContain('• `llama-ft` (<@UALICE>) $12.50, idle $4.00');
    expect(lineWith(text, 'Saved by podwarden')).toBe(`*Saved by podwarden yesterday:* ${x.savedYesterday}`);
    expect(text).toContain(
      `stopped \`llama-ft\` (<@UALICE>) at ${dateToken('2026-11-09T13:00:00Z', '14:00 Europe/Berlin', 'time')}, $2.00/h: ${x.savedSoFar} saved so far`,
    );
    expect(text).toContain(`*Stopped pods still billing storage:* ${x.storagePerDay} a day`);
    expect(text).toContain('• `llama-ft` (<@UALICE>) 100 GB volume, $0.67 a day');
    expect(text).toContain(`*Running now:* 1 pod, ${x.runningRate}`);
    expect(text).toContain('• `sd-train` (<@UBOB>) $3.50/h, GPU 90 %');
    expect(text).not.toContain("RunPod's billing");
  });

  it('ranks the top pods by spend', () => {
    const pods = goldenDigest().topPods.map((p) => p.podName);
    expect(pods).toEqual(['llama-ft', 'sd-train', 'scratch']);
  });

  it("shows RunPod's billed figure only when it differs from podwarden's by more than 2 %", () => {
    expect(digestMessage(goldenDigest(24.4)).text).not.toContain("RunPod's billing");
    expect(digestMessage(goldenDigest(25)).text).toContain(
      "RunPod's billing says $25.00 for the day; podwarden counted $24.00 from its samples.",
    );
  });
});

describe('a quiet day', () => {
  it('says so in one line', () => {
    const now = new Date('2026-11-10T08:00:00Z');
    const model = composeDigest({
      now,
      timeZone: 'UTC',
      pollIntervalMs: 60_000,
      pieces: [],
      recentSamples: [],
      savings: [],
      balanceUsd: 80,
      spendPerHour: 0,
      runpodYesterdayUsd: null,
    });
    const message = digestMessage(model);
    expect(message.text).toBe(
      '*GPU digest for Mon 9 Nov:* a quiet day: no spend and nothing running. Balance $80.00.',
    );
    expect(message.text.split('\n')).toHaveLength(1);
    expect(message.blocks).toHaveLength(1);
  });
});

describe('a busy day', () => {
  it('lists at most five pods and says how many more run now', () => {
    const now = new Date('2026-11-10T08:00:00Z');
    const samples = Array.from({ length: 12 }, (_, i) =>
      series({
        podId: `p${i}`,
        podName: `job-${i}`,
        ownerId: `U${i % 3}`,
        costPerHr: 1 + i,
        from: '2026-11-09T00:00:00Z',
        to: '2026-11-10T08:00:00Z',
        stepMs: 300_000,
        gpuUtil: [50],
      }),
    ).flat();
    const model = composeDigest({
      now,
      timeZone: 'UTC',
      pollIntervalMs: 300_000,
      pieces: integrateSamples(samples, { pollIntervalMs: 300_000, idleGpuUtil: 5, now }),
      recentSamples: samples.filter((s) => s.at.getTime() >= now.getTime() - 600_000),
      savings: [],
      balanceUsd: 1000,
      spendPerHour: null,
      runpodYesterdayUsd: null,
    });
    expect(model.topPods.map((p) => p.podName)).toEqual(['job-11', 'job-10', 'job-9', 'job-8', 'job-7']);
    // The running pods' rates when RunPod reports none: 1 + 2 + … + 12 = 78.
    expect(model.spendPerHour).toBe(78);
    const { text, blocks } = digestMessage(model);
    expect(text).toContain('*Running now:* 12 pods, $78.00/h');
    expect(text).toContain('• … and 2 more');
    expect(text).toContain('*Yesterday:* $1,872.00');
    expect(blocks.length).toBeGreaterThan(3);
  });
});

describe('a digest without fresh samples', () => {
  it('says what runs now is unknown instead of "nothing" while RunPod reports spending', () => {
    const now = new Date('2026-11-10T08:00:00Z');
    const model = composeDigest({
      now,
      timeZone: 'UTC',
      pollIntervalMs: 60_000,
      pieces: [],
      recentSamples: [],
      savings: [],
      balanceUsd: 80,
      spendPerHour: 4.2,
      runpodYesterdayUsd: null,
    });
    expect(model.quiet).toBe(false);
    expect(digestMessage(model).text).toContain(
      '*Running now:* unknown: podwarden has no samples from the last few minutes',
    );
  });
});

describe('pods kept again and again while idle', () => {
  const keeps = {
    podId: 'p1',
    podName: 'llama-ft',
    count: 3,
    since: new Date('2026-11-02T08:12:00Z'),
    idleUsd: 41.2,
    keptBy: ['UALICE'],
  };

  it('get one short line each, with the keeps as Slack dates in the digest zone', () => {
    const model = withRepeatedKeeps(goldenDigest(), GOLDEN_NOW, [
      keeps,
      { ...keeps, podName: 'a`b', count: 2, keptBy: ['UBOB', 'UADA'] },
    ]);
    const { text, blocks } = digestMessage(model);
    expect(text).toContain('*Kept while idle* (the keeps stand; worth a look)');
    expect(lineWith(text, '`llama-ft` kept')).toBe(
      `• \`llama-ft\` kept 3 times since ${dateToken('2026-11-02T08:12:00Z', `${formatLocalWhen(keeps.since, GOLDEN_NOW, GOLDEN_TZ)} ${GOLDEN_TZ}`)} by <@UALICE>: $41.20 idle under those keeps`,
    );
    expect(lineWith(text, 'kept 2 times')).toContain('by <@UBOB>, <@UADA>: $41.20');
    expect(lineWith(text, 'kept 2 times')).not.toContain('a`b');
    expect(JSON.stringify(blocks)).toContain('Kept while idle');
  });

  it('have no section when there are none', () => {
    expect(digestMessage(withRepeatedKeeps(goldenDigest(), GOLDEN_NOW, [])).text).not.toContain(
      'Kept while idle',
    );
  });
});
