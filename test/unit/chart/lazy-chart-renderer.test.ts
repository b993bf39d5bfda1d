import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLazyChartRenderer } from '../../../src/chart/lazy-chart-renderer.js';
import { sampleChartSeries } from '../../fixtures/chart-series.js';

const src = path.resolve(import.meta.dirname, '../../../src');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/** Every module src/<entry> imports at load time (static, value imports; `import type` and import() excluded). */
function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)';/gm)) {
      const spec = match[1] as string;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(path.join(src, entry));
  return { files, packages };
}

describe('the lazy chart renderer', () => {
  it('is all the composition root loads at start: vega, vega-lite and resvg wait for the first chart', () => {
    const { files, packages } = staticImports('app.ts');
    expect(files.has(path.join(src, 'chart', 'lazy-chart-renderer.ts'))).toBe(true);
    expect(files.has(path.join(src, 'chart', 'chart-renderer.ts'))).toBe(false);
    for (const heavy of ['vega', 'vega-lite', '@resvg/resvg-js'])
      expect(packages.has(heavy), heavy).toBe(false);
    // The walk does see packages: the app's own are found.
    expect(packages.has('@slack/bolt')).toBe(true);
  });

  it('loads the renderer once, on the first chart, and draws a PNG', async () => {
    let loads = 0;
    const chart = createLazyChartRenderer(async () => {
      loads += 1;
      return await import('../../../src/chart/chart-renderer.js');
    });
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([
      chart.renderSpendChart(sampleChartSeries, 'Spend, last 14 days'),
      chart.renderSpendChart(sampleChartSeries, 'Spend, last 14 days'),
    ]);
    expect(loads).toBe(1);
    expect([...first.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    expect([...second.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
  });

  it('tries the load again after a failed one', async () => {
    let loads = 0;
    const chart = createLazyChartRenderer(async () => {
      loads += 1;
      if (loads === 1) throw new Error('cannot load');
      return { createChartRenderer: () => ({ renderSpendChart: async () => new Uint8Array([1]) }) };
    });
    await expect(chart.renderSpendChart([], 't')).rejects.toThrow('cannot load');
    await expect(chart.renderSpendChart([], 't')).resolves.toEqual(new Uint8Array([1]));
    expect(loads).toBe(2);
  });
});
