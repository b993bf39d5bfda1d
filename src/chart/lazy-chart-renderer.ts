import { type Logger, silentLogger } from '../lib/logger.js';
import type { ChartRenderer, ChartSeries } from '../services/ports.js';

type ChartModule = { createChartRenderer(logger?: Logger): ChartRenderer };

/**
 * The ChartRenderer that loads vega, vega-lite and resvg with the first chart instead of at
 * start: they are most of podwarden's import time and tens of MB, and a chart is drawn once a
 * day per digest channel. A load that fails is tried again with the next chart.
 */
export function createLazyChartRenderer(
  load: () => Promise<ChartModule> = () => import('./chart-renderer.js'),
  logger: Logger = silentLogger,
): ChartRenderer {
  let renderer: Promise<ChartRenderer> | null = null;
  return {
    async renderSpendChart(series: ChartSeries[], title: string) {
      renderer ??= load().then(
        (module) => module.createChartRenderer(logger),
        (error: unknown) => {
          renderer = null;
          throw error;
        },
      );
      return await (await renderer).renderSpendChart(series, title);
    },
  };
}
