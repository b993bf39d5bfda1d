import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/lib/clock.js';
import {
  kindOfRunpodMessage,
  transientOfStatus,
  transientOfThrown,
} from '../../../src/runpod/classify-failure.js';

describe("RunPod's messages", () => {
  it.each([
    ['Unauthorized', 'runpod_forbidden'],
    ['There are not enough free GPUs on the host machine to start this pod.', 'no_capacity'],
    [
      'There are no longer any instances available with the requested specifications. Please refresh and try again.',
      'no_capacity',
    ],
    [
      'There are no longer any instances available with the request specifications. Please try again later.',
      'no_capacity',
    ],
    ['Cannot resume a spot pod as an on demand pod.', 'spot_resume'],
    ['Pod not found.', 'runpod_not_found'],
    ['pod abc does not exist', 'runpod_not_found'],
    ['Something went wrong. Please try again later or contact support.', 'runpod_rejected'],
  ])('%s → %s', (message, kind) => {
    expect(kindOfRunpodMessage(message)).toBe(kind);
  });
});

describe('transient failures', () => {
  const clock = createManualClock('2026-11-02T12:00:00Z');
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

  it('429 was not acted on; 5xx may have been; other statuses are not transient', () => {
    expect(transientOfStatus(429, headers({ 'retry-after': '2' }), '', clock)).toEqual({
      reason: 'RunPod is rate-limiting requests (HTTP 429)',
      status: 429,
      retryAfterMs: 2_000,
      maybeApplied: false,
    });
    expect(transientOfStatus(502, headers({}), '<!DOCTYPE html><html>', clock)).toMatchObject({
      reason: 'RunPod answered HTTP 502 with an HTML error page',
      maybeApplied: true,
    });
    expect(transientOfStatus(409, headers({}), '{}', clock)).toBeNull();
  });

  it('timeouts, refused connections and non-JSON bodies', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(transientOfThrown(timeout, 10_000)).toMatchObject({
      reason: 'RunPod did not answer within 10 s',
      maybeApplied: true,
    });
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(transientOfThrown(refused, 10_000)).toMatchObject({
      reason: 'could not reach RunPod (ECONNREFUSED)',
      maybeApplied: false,
    });
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    });
    expect(transientOfThrown(reset, 10_000)?.maybeApplied).toBe(true);
    expect(transientOfThrown(new SyntaxError('Unexpected token <'), 10_000)?.reason).toBe(
      'RunPod answered with a body that is not JSON',
    );
    expect(transientOfThrown(new Error('a bug'), 10_000)).toBeNull();
  });
});
