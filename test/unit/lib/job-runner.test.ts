import { describe, expect, it, vi } from 'vitest';
import { createJobRunner } from '../../../src/lib/job-runner.js';
import { silentLogger } from '../../../src/lib/logger.js';

describe('job runner', () => {
  it('skips a tick while the previous one runs, survives failures, and waits on stop', async () => {
    vi.useFakeTimers();
    try {
      const runner = createJobRunner(silentLogger);
      let release: () => void = () => {};
      let calls = 0;
      runner.every('poll', 1000, async () => {
        calls += 1;
        if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
        if (calls === 2) throw new Error('RunPod is down');
      });
      await vi.advanceTimersByTimeAsync(3000);
      expect(calls).toBe(1); // ticks 2 and 3 were skipped: tick 1 is still running
      release();
      await vi.advanceTimersByTimeAsync(2000);
      expect(calls).toBe(3); // the failing tick 2 did not stop tick 3
      await runner.stop();
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('job runner shutdown budget', () => {
  it('stops waiting for a tick in flight when the budget runs out', async () => {
    vi.useFakeTimers();
    try {
      const runner = createJobRunner(silentLogger);
      runner.every('poll', 1000, () => new Promise<void>(() => {}), { runNow: true });
      const stopping = runner.stop(3500);
      await vi.advanceTimersByTimeAsync(3500);
      expect(await stopping).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a clean stop when the work finishes within the budget', async () => {
    const runner = createJobRunner(silentLogger);
    runner.every('poll', 60_000, async () => {}, { runNow: true });
    expect(await runner.stop(3500)).toBe(true);
  });
});
