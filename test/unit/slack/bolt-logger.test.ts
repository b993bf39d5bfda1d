import { Writable } from 'node:stream';
import { LogLevel } from '@slack/bolt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createBoltLogger } from '../../../src/slack/bolt-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { root: pino({ level: 'debug' }, stream), lines };
}

describe('Bolt logger adapter', () => {
  it('implements what Bolt calls and logs with static messages', () => {
    const { root, lines } = capture();
    const logger = createBoltLogger(root);
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
    logger.setName('web-api:WebClient:0');
    logger.warn('http request failed', { status: 500 });
    logger.error(new Error('boom'), 'while acking');
    logger.setLevel(LogLevel.ERROR);
    expect(logger.getLevel()).toBe(LogLevel.ERROR);
    logger.info('dropped now');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      msg: 'slack sdk log',
      source: 'web-api:WebClient:0',
      detail: 'http request failed {"status":500}',
    });
    expect(lines[1]).toMatchObject({
      msg: 'slack sdk log',
      detail: 'while acking',
      err: { message: 'boom' },
    });
  });

  it('never logs louder than the configured level, whatever the SDK asks', () => {
    const lines: unknown[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk);
        done();
      },
    });
    const logger = createBoltLogger(pino({ level: 'silent' }, stream));
    logger.setLevel(LogLevel.INFO);
    logger.error('socket closed');
    expect(lines).toEqual([]);
  });
});
