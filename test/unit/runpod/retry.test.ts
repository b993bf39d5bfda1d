import { describe, expect, it } from 'vitest';
import { RunpodError } from '../../../src/domain/errors.js';
import { createManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { err, ok } from '../../../src/lib/result.js';
import { backoffDelay, parseRetryAfter, type Transient, withRetry } from '../../../src/runpod/retry.js';

const policy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 1_000 };
const serverError: Transient = {
  reason: 'RunPod answered HTTP 503',
  status: 503,
  retryAfterMs: null,
  maybeApplied: true,
};

function context(sleeps: number[], safety: 'always' | 'unsent-only' = 'always') {
  return {
    policy,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    random: () => 1,
    logger: silentLogger,
    operation: 'test',
    safety,
  };
}

describe('backoff', () => {
  it('grows exponentially up to the cap, jittered by random()', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.999_999, null))).toEqual([
      199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, policy, () => 0, null)).toBe(0);
  });

  it('never retries before Retry-After', () => {
    expect(backoffDelay(1, policy, () => 0.5, 5_000)).toBe(5_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const clock = createManualClock('2026-11-02T12:00:00Z');
    expect(parseRetryAfter('3', clock)).toBe(3_000);
    expect(parseRetryAfter('Mon, 02 Nov 2026 12:00:10 GMT', clock)).toBe(10_000);
    expect(parseRetryAfter('soon', clock)).toBeNull();
    expect(parseRetryAfter(null, clock)).toBeNull();
  });
});

describe('withRetry', () => {
  it('returns the first success after transient failures', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const value = await withRetry(async () => (++calls < 3 ? err(serverError) : ok('done')), context(sleeps));
    expect(value).toBe('done');
    expect(sleeps).toEqual([200, 400]);
  });

  it('gives up as runpod_unavailable after the last attempt', async () => {
    const sleeps: number[] = [];
    const error = await withRetry(async () => err(serverError), context(sleeps)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunpodError);
    expect(error).toMatchObject({ kind: 'runpod_unavailable', status: 503 });
    expect((error as RunpodError).detail).toBe('RunPod answered HTTP 503 (after 3 attempts)');
  });

  it('does not repeat an unsafe call that RunPod may have received, but does after a 429', async () => {
    const sleeps: number[] = [];
    const error = await withRetry(async () => err(serverError), context(sleeps, 'unsent-only')).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'runpod_unavailable' });
    expect(sleeps).toEqual([]);

    let calls = 0;
    const rateLimited: Transient = { reason: '429', status: 429, retryAfterMs: 1_000, maybeApplied: false };
    const value = await withRetry(
      async () => (++calls === 1 ? err(rateLimited) : ok(7)),
      context(sleeps, 'unsent-only'),
    );
    expect(value).toBe(7);
    expect(sleeps).toEqual([1_000]);
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    const sleeps: number[] = [];
    const longWait: Transient = {
      reason: 'RunPod is rate-limiting requests (HTTP 429)',
      status: 429,
      retryAfterMs: 3_600_000,
      maybeApplied: false,
    };
    const error = await withRetry(async () => err(longWait), context(sleeps)).catch((e: unknown) => e);
    expect((error as RunpodError).detail).toBe(
      'RunPod is rate-limiting requests (HTTP 429); RunPod asks to wait 3600 s',
    );
    expect(sleeps).toEqual([]);
  });

  it('lets a RunpodError from an attempt through at once', async () => {
    let calls = 0;
    const error = await withRetry(async () => {
      calls++;
      throw new RunpodError('runpod_auth', 'HTTP 401', 401);
    }, context([])).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'runpod_auth' });
    expect(calls).toBe(1);
  });
});
