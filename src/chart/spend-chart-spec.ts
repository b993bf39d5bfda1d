import type { TopLevelSpec } from 'vega-lite';
import { UNOWNED_LABEL } from '../domain/cost-format.js';
import type { ChartSeries } from '../services/ports.js';

/** The font the PNG is rendered with (shipped by the dejavu-fonts-ttf package, see render-png.ts). */
export const CHART_FONT = 'DejaVu Sans';

/** Tableau 10 without its grey, which marks unowned pods (drawn last). */
const OWNER_COLOURS = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
];
const UNOWNED_COLOUR = '#8c8c8c';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 300;

type Row = { day: string; owner: string; share: 'in use' | 'idle'; usd: number; stackOrder: number };

/** One row per day, owner and share (in use / idle), zero rows left out. */
export function chartRows(series: readonly ChartSeries[]): Row[] {
  const rows: Row[] = [];
  for (const point of series) {
    if (point.busyUsd > 0)
      rows.push({ day: point.day, owner: point.owner, share: 'in use', usd: point.busyUsd, stackOrder: 0 });
    if (point.idleUsd > 0)
      rows.push({ day: point.day, owner: point.owner, share: 'idle', usd: point.idleUsd, stackOrder: 1 });
  }
  return rows;
}

/** Whole dollars on the axis once bars are large enough, cents below that. */
export function currencyFormat(maxDayUsd: number): string {
  return maxDayUsd >= 20 ? '$,.0f' : '$,.2f';
}

/**
 * Vega-Lite spec of the spend chart: one bar per day (every day in `series`, in order, even days
 * without spend), stacked by owner in the owner's colour; the idle parts, pale, stacked together
 * on top so the idle share reads as one band; the day's total above each bar. Pure, so the spec can be checked without rendering.
 */
export function spendChartSpec(series: readonly ChartSeries[], title: string): TopLevelSpec {
  const days = [...new Set(series.map((point) => point.day))];
  const spenders = new Set(series.filter((p) => p.busyUsd + p.idleUsd > 0).map((p) => p.owner));
  const owners = [...spenders].filter((o) => o !== UNOWNED_LABEL);
  if (spenders.has(UNOWNED_LABEL)) owners.push(UNOWNED_LABEL);
  const colours = owners.map((o, i) =>
    o === UNOWNED_LABEL ? UNOWNED_COLOUR : (OWNER_COLOURS[i % OWNER_COLOURS.length] ?? UNOWNED_COLOUR),
  );
  const totals = new Map<string, number>();
  for (const point of series)
    totals.set(point.day, (totals.get(point.day) ?? 0) + point.busyUsd + point.idleUsd);
  const maxDay = Math.max(0, ...totals.values());
  const format = currencyFormat(maxDay);
  const x = {
    field: 'day',
    type: 'ordinal' as const,
    title: null,
    sort: days,
    scale: { domain: days },
    axis: { labelAngle: -40, labelFontSize: 11 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'Spend per day by owner; the pale segments on top are idle GPU time' },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: 'white',
    padding: 12,
    config: {
      font: CHART_FONT,
      title: { fontSize: 16, subtitleFontSize: 12, subtitleColor: '#555', anchor: 'start', offset: 12 },
      axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
      legend: { labelFontSize: 11, titleFontSize: 12 },
      view: { stroke: null },
    },
    data: { values: chartRows(series) },
    layer: [
      {
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x,
          y: {
            aggregate: 'sum',
            field: 'usd',
            type: 'quantitative',
            title: 'USD per day',
            axis: { format, tickCount: 6 },
            // Headroom above the tallest bar for its total label.
            scale: { domain: [0, Math.max(1, maxDay * 1.12)], nice: true },
          },
          color: {
            field: 'owner',
            type: 'nominal',
            title: 'Owner',
            scale: { domain: owners, range: colours },
          },
          opacity: {
            field: 'share',
            type: 'nominal',
            title: 'Share',
            scale: { domain: ['in use', 'idle'], range: [1, 0.35] },
          },
          order: { field: 'stackOrder', type: 'quantitative' },
          tooltip: [
            { field: 'day', type: 'ordinal' },
            { field: 'owner', type: 'nominal' },
            { field: 'share', type: 'nominal' },
            { field: 'usd', type: 'quantitative', format: '$,.2f' },
          ],
        },
      },
      {
        transform: [{ aggregate: [{ op: 'sum', field: 'usd', as: 'total' }], groupby: ['day'] }],
        mark: { type: 'text', dy: -6, fontSize: 10, color: '#333' },
        encoding: {
          x,
          y: { field: 'total', type: 'quantitative' },
          text: { field: 'total', type: 'quantitative', format },
        },
      },
    ],
  };
}
