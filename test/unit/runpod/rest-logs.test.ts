import { describe, expect, it } from 'vitest';
import { parseLogEvents } from '../../../src/runpod/rest/rest-logs.js';

describe('parseLogEvents', () => {
  it('reads one log line per event, joins multi-line data, reads JSON messages, skips comments and keeps a last event that ends the stream', () => {
    const stream = [
      'id: 2026-11-30T10:00:00Z\ndata: Starting container\n\n',
      'event: log\r\ndata: first\r\ndata: second\r\n\r\n',
      'data: {"message":"from json","level":"info"}\n\n',
      ': keep-alive comment\n\n',
      'data: half an ev',
    ].join('');
    expect(parseLogEvents(stream)).toEqual([
      'Starting container',
      'first',
      'second',
      'from json',
      'half an ev',
    ]);
  });
});
