import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { type Logger, silentLogger } from '../lib/logger.js';
import type { ChartRenderer, ChartSeries } from '../services/ports.js';
import { CHART_FONT_FILES, CHART_FONT_PACKAGE_DIR } from './chart-fonts.js';
import { CHART_FONT, spendChartSpec } from './spend-chart-spec.js';
import { vegaLogger } from './vega-logger.js';

const require = createRequire(import.meta.url);

/**
 * The fonts travel with the app (the dejavu-fonts-ttf package), so a slim container without
 * system fonts still renders every label.
 */
const FONT_FILES = CHART_FONT_FILES.map((file) => require.resolve(`${CHART_FONT_PACKAGE_DIR}/${file}`));

/** Vega-Lite spec → SVG (vega, headless) → PNG (resvg). Vega's warnings go to `logger`, never the console. */
export async function renderSpecToPng(
  spec: Parameters<typeof compile>[0],
  zoom = 2,
  logger: Logger = silentLogger,
): Promise<Uint8Array> {
  const log = vegaLogger(logger);
  const view = new View(parse(compile(spec, { logger: log }).spec), { renderer: 'none', logger: log });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
      fitTo: { mode: 'zoom', value: zoom },
      background: 'white',
    })
      .render()
      .asPng();
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } finally {
    view.finalize();
  }
}

/** The ChartRenderer port, rendered in-process: no browser, no network, no system fonts. */
export function createChartRenderer(logger: Logger = silentLogger): ChartRenderer {
  return {
    renderSpendChart: (series: ChartSeries[], title: string) =>
      renderSpecToPng(spendChartSpec(series, title), 2, logger),
  };
}
