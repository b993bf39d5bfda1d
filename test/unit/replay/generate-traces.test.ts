import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BENCH_TRACE_SPECS } from '../../../src/replay/bench-trace-specs.js';
import { generateSampleTrace, generateTrace } from '../../../src/replay/generate-traces.js';
import { STRAY_REQUESTS } from '../../../src/replay/new-trace-specs.js';
import { parseTrace } from '../../../src/replay/parse-trace.js';

const DAY = 1440;

describe('trace generator', () => {
  it('writes the committed sample trace byte for byte, under 200 KB', async () => {
    const committed = await readFile(new URL('../../../bench/traces/sample.jsonl', import.meta.url), 'utf8');
    expect(generateSampleTrace()).toBe(committed);
    expect(Buffer.byteLength(committed)).toBeLessThan(200_000);
  });

  it('writes the committed stray-requests trace byte for byte, under 1.5 MB', async () => {
    const committed = await readFile(
      new URL('../../../bench/traces/stray-requests.jsonl', import.meta.url),
      'utf8',
    );
    expect(generateTrace(STRAY_REQUESTS)).toBe(committed);
    expect(Buffer.byteLength(committed)).toBeLessThan(1_500_000);
  });

  it('describes eight multi-day traces with every kind of owner answer', () => {
    expect(BENCH_TRACE_SPECS).toHaveLength(8);
    for (const spec of BENCH_TRACE_SPECS) expect(spec.minutes).toBeGreaterThanOrEqual(2 * DAY);
    const answers = new Set(BENCH_TRACE_SPECS.flatMap((s) => s.pods.map((p) => p.answer)));
    expect([...answers].sort()).toEqual(['keep', 'none', 'stop']);
  });

  it('gives the same trace for the same seed, with spot stops, missing samples and honest labels', () => {
    const spec = BENCH_TRACE_SPECS.find((s) => s.name === 'spot-market');
    if (!spec) throw new Error('spot-market trace missing');
    const text = generateTrace(spec);
    expect(generateTrace(spec)).toBe(text);

    const parsed = parseTrace(spec.name, text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { trace, truth } = parsed.value;
    expect(trace.steps).toBe(spec.minutes);
    let exited = 0;
    let missing = 0;
    for (const pod of trace.pods) {
      const labels = truth.get(pod.id) ?? [];
      pod.samples.forEach((sample, t) => {
        const previous = pod.samples.slice(0, t).findLast((s) => s !== undefined);
        if (!sample && previous?.status === 'RUNNING') missing++;
        if (sample?.status === 'EXITED') exited++;
        // Idle means nothing runs: no GPU above 1 %. (Busy may look quiet: checkpoints, data phases.)
        if (sample?.status === 'RUNNING' && labels[t] === 'idle') {
          expect(Math.max(...sample.gpus)).toBeLessThanOrEqual(1);
        }
      });
    }
    expect(exited).toBeGreaterThan(0);
    expect(missing).toBeGreaterThan(0);
  });
});
