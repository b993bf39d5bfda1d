import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../../src/replay/parse-trace.js';
import { BUSY, IDLE, MISSING, traceText } from './trace-text.js';

const parsed = (text: string) => {
  const result = parseTrace('t', text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('parseTrace', () => {
  it('reads the header, one pod per id, a missing line as a hole, and the answer of the first line', () => {
    const { trace, truth } = parsed(
      traceText([
        {
          id: 'a',
          answer: 'keep',
          stretches: [
            [2, BUSY],
            [1, MISSING],
            [2, IDLE],
          ],
        },
        { id: 'b', owner: null, stretches: [[5, IDLE]] },
      ]),
    );
    expect(trace.start.toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(trace.stepMs).toBe(60_000);
    expect(trace.steps).toBe(5);
    const [a, b] = trace.pods;
    expect(a?.answer).toBe('keep');
    expect(b?.answer).toBe('none');
    expect(a?.samples[2]).toBeUndefined();
    expect(a?.samples[0]).toMatchObject({ status: 'RUNNING', gpus: [90, 95], cpu: 30, owner: 'U01ALICE' });
    expect(b?.samples[0]?.owner).toBeNull();
    expect(truth.get('a')).toEqual(['busy', 'busy', undefined, 'idle', 'idle']);
  });

  it('keeps the labels out of what a policy sees', () => {
    const { trace } = parsed(traceText([{ id: 'a', stretches: [[3, IDLE]] }]));
    for (const sample of trace.pods[0]?.samples ?? []) {
      expect(sample).toBeDefined();
      expect(Object.keys(sample ?? {})).not.toContain('label');
    }
  });

  it('names the line and the field at fault', () => {
    const header = '{"start":"2026-11-02T00:00:00Z","step":"60s"}';
    const line = {
      t: 0,
      pod: 'a',
      name: 'a',
      owner: 'U1',
      status: 'RUNNING',
      costPerHr: 1,
      gpus: [0],
      gpuMem: [0],
      cpu: 0,
    };
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['{"start":"yesterday","step":"60s"}', /^first line.*start/],
      ['{"start":"2026-11-02T00:00:00Z","step":"soon"}', /step must be a duration/],
      [`${header}\n{"t":0`, /not valid JSON/],
      [`${header}\n${JSON.stringify({ ...line, label: 'asleep' })}`, /label/],
      [`${header}\n${JSON.stringify({ ...line, label: 'idle', status: 'PAUSED' })}`, /status/],
      [`${header}\n${JSON.stringify({ ...line, label: 'idle', gpus: [120] })}`, /gpus\.0/],
      [
        `${header}\n${JSON.stringify({ ...line, label: 'idle' })}\n${JSON.stringify({ ...line, label: 'busy' })}`,
        /two lines at step 0/,
      ],
    ];
    for (const [text, message] of cases) {
      const result = parseTrace('bad', text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    const late = parseTrace('bad', `${header}\n\n${JSON.stringify({ ...line, label: 'nope' })}`);
    expect(late.ok ? null : late.error.line).toBe(3);
  });
});
