#!/usr/bin/env node
// Image build step (after `npm run build` and `npm prune --omit=dev`): deletes every font of the
// dejavu-fonts-ttf package except those the chart renders with, as listed in
// dist/chart/chart-fonts.js. Fails when a listed font is missing.
//
//   node scripts/keep-chart-fonts.mjs      (in the app folder: /app in the image)
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { CHART_FONT_FILES, CHART_FONT_PACKAGE_DIR } = await import(
  pathToFileURL(path.join(app, 'dist', 'chart', 'chart-fonts.js')).href
);
const dir = path.join(app, 'node_modules', ...CHART_FONT_PACKAGE_DIR.split('/'));
const keep = new Set(CHART_FONT_FILES);
const missing = [...keep].filter((file) => !existsSync(path.join(dir, file)));
if (missing.length > 0) {
  process.stderr.write(`keep-chart-fonts: ${dir} lacks ${missing.join(', ')}\n`);
  process.exit(1);
}
const removed = readdirSync(dir).filter((file) => !keep.has(file));
for (const file of removed) rmSync(path.join(dir, file), { recursive: true, force: true });
process.stdout.write(`keep-chart-fonts: kept ${[...keep].join(', ')}; removed ${removed.length} files\n`);
