import { describe, expect, it } from 'vitest';
import { humanLogDestination, humanLogLine } from '../../../src/sandbox/console-log.js';

describe("the sandbox terminal's log lines", () => {
  it('turns a pino JSON line into one line a person reads', () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.parse('2026-12-04T19:40:02Z'),
      pid: 1,
      hostname: 'h',
      app: 'podwarden',
      part: 'chart',
      vega: 'Channel opacity should not be used',
      msg: 'chart rendering warning',
    });
    expect(humanLogLine(line)).toBe(
      '19:40:02 warn  chart rendering warning  part=chart vega="Channel opacity should not be used"',
    );
  });

  it('shows an error by its message, and passes other text through', () => {
    const line = JSON.stringify({
      level: 50,
      time: 0,
      msg: 'request failed',
      err: { message: 'boom', stack: 'x' },
    });
    expect(humanLogLine(line)).toBe('00:00:00 error request failed  err="boom"');
    expect(humanLogLine('plain words')).toBe('plain words');
  });

  it('writes every line of a chunk, never raw JSON', () => {
    const out: string[] = [];
    const destination = humanLogDestination({ write: (text: string) => out.push(text) });
    destination.write(
      `${JSON.stringify({ level: 30, time: 0, msg: 'a' })}\n${JSON.stringify({ level: 30, time: 0, msg: 'b' })}\n`,
    );
    expect(out).toEqual(['00:00:00 info  a\n', '00:00:00 info  b\n']);
  });
});
