import { RunpodError } from '../domain/errors.js';
import type { Pod } from '../domain/pod.js';
import type { Metrics } from '../lib/metrics.js';
import type { PodGateway } from '../services/ports.js';

/** Names the gateway's Prometheus series once. */
export function describeRunpodMetrics(metrics: Metrics): void {
  metrics.describe(
    'podwarden_runpod_requests_total',
    'counter',
    'RunPod operations (with their retries inside), by operation and outcome (ok or the error kind)',
    ['operation', 'outcome'],
  );
  metrics.describe(
    'podwarden_runpod_request_duration_seconds',
    'histogram',
    'time for one RunPod operation, retries included',
    ['operation'],
  );
}

/**
 * Wraps a PodGateway: counts and times every operation, and hands each successful listPods
 * answer to `onPods` (the pod gauges and spend counters), whose failure never fails the call.
 */
export function instrumentGateway(
  gateway: PodGateway,
  deps: { metrics: Metrics; onPods?: (pods: Pod[]) => Promise<void> },
): PodGateway {
  const { metrics } = deps;
  describeRunpodMetrics(metrics);
  const timed = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await call();
    } catch (error) {
      outcome = error instanceof RunpodError ? error.kind : 'error';
      throw error;
    } finally {
      metrics.increment('podwarden_runpod_requests_total', { operation, outcome });
      metrics.observe('podwarden_runpod_request_duration_seconds', (performance.now() - started) / 1000, {
        operation,
      });
    }
  };
  // A Proxy, so that every operation (those added later too) is counted under its method name.
  return new Proxy(gateway, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (property === 'listPods') {
        return async () => {
          const pods = (await timed(property, () => method.call(target))) as Pod[];
          await deps.onPods?.(pods).catch(() => undefined);
          return pods;
        };
      }
      return (...args: unknown[]) => timed(property, () => method.apply(target, args));
    },
  });
}
