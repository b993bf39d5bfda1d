import { describe, expect, it } from 'vitest';
import { integrateSamples } from '../../../../src/domain/cost-ledger.js';
import { summarizeCost } from '../../../../src/domain/cost-summary.js';
import type { CostReport } from '../../../../src/services/cost-service.js';
import { buildCostReply } from '../../../../src/slack/blocks/cost-blocks.js';
import { buildSubscribedReply, buildUnsubscribedReply } from '../../../../src/slack/blocks/digest-replies.js';
import { series } from '../../../fixtures/cost-samples.js';
import { dateToken } from '../../../support/date-token.js';

const from = new Date('2026-11-09T00:00:00Z');
const to = new Date('2026-11-10T00:00:00Z');

function report(overrides: Partial<CostReport> = {}): CostReport {
  const samples = [
    ...series({
      podId: 'a',
      podName: 'llama-ft',
      ownerId: 'UALICE',
      costPerHr: 2,
      from: '2026-11-09T08:00:00Z',
      to: '2026-11-09T12:00:00Z',
      vary: (at) => ({ gpuUtil: at.getUTCHours() >= 11 ? [0] : [80] }),
    }),
    ...series({
      podId: 'b',
      podName: 'sd-train',
      ownerId: null,
      costPerHr: 1.25,
      gpuCount: 2,
      from: '2026-11-09T20:00:00Z',
      to: '2026-11-10T00:00:00Z',
    }),
  ];
  const pieces = integrateSamples(samples, { pollIntervalMs: 60_000, idleGpuUtil: 5, now: to });
  return {
    period: 'yesterday',
    label: 'yesterday (Mon 9 Nov)',
    timeZone: 'UTC',
    userId: null,
    summary: summarizeCost(pieces, from, to),
    savedUsd: 0,
    spendPerHour: 3.25,
    balanceUsd: 120,
    runwayDays: 120 / (3.25 * 24),
    forecastUsd: null,
    reconciliation: null,
    ...overrides,
  };
}

describe('/pod cost reply', () => {
  it('gives the total, idle share, owners and pods of the period', () => {
    const { text, blocks } = buildCostReply(report());
    expect(text).toContain('*GPU spend, yesterday (Mon 9 Nov)* (UTC)');
    expect(text).toContain('*Total:* $13.00 · GPU pods $13.00 · idle $2.00 (15 %)');
    expect(text).toContain('• <@UALICE>: $8.00 · 4 h GPU · idle 1 h ($2.00)');
    expect(text).toContain('• _unowned_: $5.00 · 8 h GPU · idle 0 h ($0.00)');
    expect(text).toContain('• `llama-ft` (<@UALICE>): $8.00');
    expect(text).toContain('Spending $3.25/h now · balance $120.00, runway 1.5 days');
    expect(blocks?.length).toBe(4);
  });

  it("names the person asked about and leaves out the team's balance", () => {
    const { text } = buildCostReply(report({ userId: 'UALICE', spendPerHour: 0, balanceUsd: 120 }));
    expect(text).toContain('*GPU spend for <@UALICE>, yesterday (Mon 9 Nov)*');
    expect(text).not.toContain('*By owner*');
    expect(text).not.toContain('balance');
  });

  it("shows the month forecast, RunPod's differing figure and podwarden's savings", () => {
    const { text } = buildCostReply(
      report({
        forecastUsd: 1234.5,
        reconciliation: { runpodUsd: 14.2, podwardenUsd: 13, through: to },
        savedUsd: 7.5,
      }),
    );
    expect(text).toContain("RunPod's billing says $14.20; podwarden counted $13.00 from its samples.");
    expect(text).toContain('Month forecast at the current rate: $1,234.50');
    expect(text).toContain("podwarden's idle stops saved $7.50 in this period");
  });

  it('says when RunPod was compared over the complete days only', () => {
    const week = report({
      period: 'week',
      reconciliation: { runpodUsd: 20, podwardenUsd: 13, through: new Date('2026-11-09T12:00:00Z') },
    });
    expect(buildCostReply(week).text).toContain(
      "RunPod's billing says $20.00 for the complete days; podwarden counted $13.00",
    );
  });

  it('says plainly when nothing was spent', () => {
    const empty = report({
      period: 'today',
      label: 'today (Tue 10 Nov)',
      summary: summarizeCost([], from, to),
    });
    expect(buildCostReply(empty).text).toContain('*GPU spend, today (Tue 10 Nov)* (UTC)\nNo spend so far.');
  });
});

describe('digest subscription replies', () => {
  const subscription = {
    channel: 'CTEAM',
    hour: 9,
    minute: 5,
    timeZone: 'Europe/Berlin',
    subscribedBy: 'UALICE',
    subscribedAt: new Date('2026-11-10T10:00:00Z'),
  };

  it('announces who subscribed the channel and when the first digest comes', () => {
    const reply = buildSubscribedReply(
      subscription,
      new Date('2026-11-11T08:05:00Z'),
      new Date('2026-11-10T10:00:00Z'),
    );
    expect(reply.text).toBe(
      `<@UALICE> subscribed this channel to the daily GPU cost digest at 09:05 Europe/Berlin time. The first one comes ${dateToken('2026-11-11T08:05:00Z', 'Wed 09:05 Europe/Berlin')} (your time). \`/pod digest now\` posts one right away, \`/pod digest off\` stops them.`,
    );
  });

  it('tells whether there was a digest to switch off', () => {
    expect(buildUnsubscribedReply('UBOB', true).text).toBe(
      '<@UBOB> unsubscribed this channel from the daily GPU cost digest.',
    );
    expect(buildUnsubscribedReply('UBOB', false).text).toContain(
      'This channel has no daily digest to switch off.',
    );
  });
});
