import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderSpecToPng } from '../../../src/chart/chart-renderer.js';
import type { Logger } from '../../../src/lib/logger.js';

function recordingLogger() {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at =
    (level: string) =>
    (fields: object, message: string): void => {
      lines.push({ level, fields, message });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return { logger, lines };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('chart rendering logs', () => {
  it("hands Vega-Lite's warnings to the logger and prints nothing raw to the console", async () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { logger, lines } = recordingLogger();
    const png = await renderSpecToPng(
      {
        data: { values: [{ a: 'x', b: 1 }] },
        mark: 'point',
        encoding: { x: { field: 'b', type: 'quantitative' }, opacity: { field: 'a', type: 'nominal' } },
      },
      1,
      logger,
    );
    expect(png.byteLength).toBeGreaterThan(0);
    expect(printed).not.toHaveBeenCalled();
    expect(logged).not.toHaveBeenCalled();
    expect(lines).toContainEqual({
      level: 'warn',
      fields: { vega: expect.stringContaining('opacity') },
      message: 'chart rendering warning',
    });
  });
});
