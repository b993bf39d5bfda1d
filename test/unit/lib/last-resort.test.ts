import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installLastResortHandlers } from '../../../src/lib/last-resort.js';
import type { Logger } from '../../../src/lib/logger.js';

function recordingLogger(): { logger: Logger; lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (_fields: object, message: string) => lines.push({ level, message });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return { logger, lines };
}

describe('last-resort process handlers', () => {
  it('logs an unhandled rejection and keeps the process serving', () => {
    const target = new EventEmitter();
    const exits: number[] = [];
    const { logger, lines } = recordingLogger();
    installLastResortHandlers(target, { logger, exit: (code) => exits.push(code) });
    target.emit('unhandledRejection', new TypeError('boom'), Promise.resolve());
    expect(lines).toEqual([{ level: 'error', message: 'unhandled promise rejection; still serving' }]);
    expect(exits).toEqual([]);
  });

  it('logs an uncaught exception and exits non-zero once, for the supervisor to restart', () => {
    const target = new EventEmitter();
    const exits: number[] = [];
    const { logger, lines } = recordingLogger();
    installLastResortHandlers(target, { logger, exit: (code) => exits.push(code) });
    target.emit('uncaughtException', new Error('bad state'));
    target.emit('uncaughtException', new Error('again'));
    expect(exits).toEqual([1]);
    expect(lines[0]).toEqual({ level: 'error', message: 'uncaught exception; exiting for a restart' });
  });
});
