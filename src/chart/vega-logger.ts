/**
 * Vega and Vega-Lite print their warnings ("Channel opacity should not be used with an unsorted
 * discrete field") straight to the console; this hands them to podwarden's logger instead.
 */
import type { Logger } from '../lib/logger.js';

type VegaLogger = {
  level(value?: number): number | VegaLogger;
  error(...args: unknown[]): VegaLogger;
  warn(...args: unknown[]): VegaLogger;
  info(...args: unknown[]): VegaLogger;
  debug(...args: unknown[]): VegaLogger;
};

/** Vega's levels: 0 none, 1 error, 2 warn, 3 info, 4 debug. */
const WARN = 2;

const detail = (args: unknown[]): string =>
  args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');

export function vegaLogger(logger: Logger): VegaLogger {
  let level = WARN;
  const self: VegaLogger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return self;
    },
    error(...args) {
      if (level >= 1) logger.error({ vega: detail(args) }, 'chart rendering error');
      return self;
    },
    warn(...args) {
      if (level >= 2) logger.warn({ vega: detail(args) }, 'chart rendering warning');
      return self;
    },
    info(...args) {
      if (level >= 3) logger.info({ vega: detail(args) }, 'chart rendering note');
      return self;
    },
    debug(...args) {
      if (level >= 4) logger.debug({ vega: detail(args) }, 'chart rendering detail');
      return self;
    },
  };
  return self;
}
