import type { ChartRenderer, ChartSeries } from '../services/ports.js';

type ChartModule = { createChartRenderer(): ChartRenderer };

/**
 * The ChartRenderer that loads vega, vega-lite and resvg with the first chart instead of at
 * start: they are most of podwarden's import time and tens of MB, and a chart is drawn once a
 * day per digest channel. A load that fails is tried again with the next chart.
 */
export function createLazyChartRenderer(
  load: () => Promise<ChartModule> = () => import('./chart-renderer.js'),
): ChartRenderer {
  let renderer: Promise<ChartRenderer> | null = null;
  return {
    async renderSpendChart(series: ChartSeries[], title: string) {
      renderer ??= load().then(
        (module) => module.createChartRenderer(),
        (error: unknown) => {
          renderer = null;
          throw error;
        },
      );
      return await (await renderer).renderSpendChart(series, title);
    },
  };
}
