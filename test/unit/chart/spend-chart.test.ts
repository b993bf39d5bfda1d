import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../../src/chart/chart-renderer.js';
import { chartRows, currencyFormat, spendChartSpec } from '../../../src/chart/spend-chart-spec.js';
import { sampleChartSeries } from '../../fixtures/chart-series.js';

describe('the spend chart spec', () => {
  it('has a bar per day, every day on the axis in order, even days without spend; owners who spent nothing stay out of the legend', () => {
    const spec = spendChartSpec(
      [
        { day: 'Mon 16 Nov', owner: '@alice', busyUsd: 10, idleUsd: 2 },
        { day: 'Tue 17 Nov', owner: '@alice', busyUsd: 0, idleUsd: 0 },
        { day: 'Tue 17 Nov', owner: '@carol', busyUsd: 0, idleUsd: 0 },
        { day: 'Wed 18 Nov', owner: '@bob', busyUsd: 5, idleUsd: 0 },
      ],
      'Spend, last 14 days',
    );
    const json = JSON.parse(JSON.stringify(spec));
    const bars = json.layer[0];
    expect(bars.encoding.x.scale.domain).toEqual(['Mon 16 Nov', 'Tue 17 Nov', 'Wed 18 Nov']);
    expect(bars.encoding.color.field).toBe('owner');
    expect(bars.encoding.color.scale.domain).toEqual(['@alice', '@bob']);
    expect(bars.encoding.order.field).toBe('stackOrder');
    expect(bars.encoding.opacity.scale).toEqual({ domain: ['in use', 'idle'], range: [1, 0.35] });
    expect(bars.encoding.y.axis.format).toBe('$,.2f');
    expect(json.title.text).toBe('Spend, last 14 days');
    expect(json.data.values).toEqual([
      { day: 'Mon 16 Nov', owner: '@alice', share: 'in use', usd: 10, stackOrder: 0 },
      { day: 'Mon 16 Nov', owner: '@alice', share: 'idle', usd: 2, stackOrder: 1 },
      { day: 'Wed 18 Nov', owner: '@bob', share: 'in use', usd: 5, stackOrder: 0 },
    ]);
  });

  it('labels the axis in whole dollars once days cost $20 or more', () => {
    expect(currencyFormat(19.99)).toBe('$,.2f');
    expect(currencyFormat(120)).toBe('$,.0f');
    const json = JSON.parse(JSON.stringify(spendChartSpec(sampleChartSeries, 't')));
    expect(json.layer[0].encoding.y.axis.format).toBe('$,.0f');
  });

  it('keeps the idle dollars of every owner', () => {
    const idle = chartRows(sampleChartSeries)
      .filter((row) => row.share === 'idle')
      .reduce((sum, row) => sum + row.usd, 0);
    const expected = sampleChartSeries.reduce((sum, point) => sum + point.idleUsd, 0);
    expect(idle).toBeCloseTo(expected, 10);
  });
});

describe('the chart renderer', () => {
  it('renders a PNG with text, in-process, with the bundled fonts', async () => {
    const png = await createChartRenderer().renderSpendChart(sampleChartSeries, 'GPU spend, last 14 days');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    expect(width).toBeGreaterThan(1200);
    expect(height).toBeGreaterThan(600);
    // A chart with rendered labels is far larger than bare bars; text failing to render shrinks it.
    expect(png.byteLength).toBeGreaterThan(30_000);
    const out = process.env.CHART_SAMPLE_OUT;
    if (out) await writeFile(out, png);
  });
});
