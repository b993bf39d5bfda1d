import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';

const TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Bolt (and its WebClient and receivers) log through this: Bolt calls getLevel/setLevel/setName,
 * which a bare pino lacks (slack-platform.md §3.6). Messages stay static: what Bolt says goes
 * into `detail`, Errors into `err`.
 */
export function createBoltLogger(root: PinoLogger): BoltLogger {
  const logger = root.child({ component: 'bolt' });
  let name = 'bolt';

  const write = (level: Level, parts: unknown[]) => {
    const errors = parts.filter((p): p is Error => p instanceof Error);
    const rest = parts.filter((p) => !(p instanceof Error));
    const detail = rest
      .map((p) => (typeof p === 'string' ? p : safeJson(p)))
      .join(' ')
      .slice(0, 2000);
    const fields: Record<string, unknown> = { source: name };
    if (detail) fields.detail = detail;
    if (errors[0]) fields.err = errors[0];
    logger[level](fields, 'slack sdk log');
  };

  return {
    debug: (...msg: unknown[]) => write('debug', msg),
    info: (...msg: unknown[]) => write('info', msg),
    warn: (...msg: unknown[]) => write('warn', msg),
    error: (...msg: unknown[]) => write('error', msg),
    getLevel: () => TO_BOLT[logger.level] ?? LogLevel.INFO,
    // LOG_LEVEL decides: the SDKs may make their own logs quieter, never louder than that.
    setLevel: (level: LogLevel) => {
      const wanted = root.levels.values[level];
      if (wanted !== undefined && wanted > root.levelVal) logger.level = level;
      else logger.level = root.level;
    },
    setName: (newName: string) => {
      name = newName;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
