import { podSample } from '../domain/idle-sampling.js';
import { isIdleSample } from '../domain/idle-verdict.js';
import { liveRuntime, type Pod, type PodStatus } from '../domain/pod.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';
import type { Store } from './ports.js';

const STATUSES: readonly PodStatus[] = [
  'RUNNING',
  'EXITED',
  'CREATED',
  'RESTARTING',
  'PAUSED',
  'DEAD',
  'TERMINATED',
  'UNKNOWN',
];

/** The owner label of a pod nobody owns. */
export const UNOWNED = 'unowned';

export function describePodMetrics(metrics: Metrics): void {
  metrics.describe('podwarden_pods', 'gauge', 'pods RunPod reported at the last listing, by status', [
    'status',
  ]);
  metrics.describe(
    'podwarden_pod_price_dollars_per_hour',
    'gauge',
    'USD per hour of each running pod, by pod id and owner (Slack user id or "unowned")',
    ['pod', 'owner'],
  );
  metrics.describe(
    'podwarden_pod_gpu_utilization_ratio',
    'gauge',
    'utilization 0–1 of each GPU of each running pod, by pod id and GPU index',
    ['pod', 'gpu'],
  );
  metrics.describe(
    'podwarden_spend_dollars_total',
    'counter',
    'USD spent on running pods since podwarden started, by owner',
    ['owner'],
  );
  metrics.describe(
    'podwarden_idle_spend_dollars_total',
    'counter',
    'USD spent on running pods whose every GPU was idle (at or below IDLE_GPU_UTIL), by owner',
    ['owner'],
  );
}

type Seen = { at: number; costPerHr: number; running: boolean; idle: boolean };

/**
 * Turns each listing of the account's pods into the pod gauges, and adds the dollars each running
 * pod cost since its previous listing to the spend counters, at the rate and idleness seen then.
 * A gap longer than `maxGapMs` (podwarden was down, or RunPod was) is not charged: it is unknown.
 */
export function createPodMetrics(deps: {
  metrics: Metrics;
  store: Pick<Store, 'listOwners'>;
  clock: Clock;
  idleGpuUtil: number;
  maxGapMs: number;
  logger: Logger;
}): { record(pods: readonly Pod[]): Promise<void> } {
  const { metrics } = deps;
  describePodMetrics(metrics);
  const seen = new Map<string, Seen>();
  return {
    async record(pods) {
      let owners: Map<string, string>;
      try {
        owners = await deps.store.listOwners();
      } catch (error) {
        deps.logger.warn({ err: error }, 'pod metrics: owners unavailable');
        owners = new Map();
      }
      // Read after the await: listings that overlap are then charged in order, never twice.
      const now = deps.clock.now();
      metrics.reset('podwarden_pod_price_dollars_per_hour');
      metrics.reset('podwarden_pod_gpu_utilization_ratio');
      for (const status of STATUSES) {
        metrics.set('podwarden_pods', pods.filter((p) => p.status === status).length, { status });
      }
      const current = new Set<string>();
      for (const pod of pods) {
        current.add(pod.id);
        const owner = owners.get(pod.id) ?? UNOWNED;
        const sample = podSample(pod, owner, now);
        const previous = seen.get(pod.id);
        const elapsedMs = previous ? now.getTime() - previous.at : 0;
        if (previous?.running && elapsedMs > 0 && elapsedMs <= deps.maxGapMs) {
          const dollars = (previous.costPerHr * elapsedMs) / 3_600_000;
          metrics.increment('podwarden_spend_dollars_total', { owner }, dollars);
          if (previous.idle) metrics.increment('podwarden_idle_spend_dollars_total', { owner }, dollars);
        }
        const running = pod.status === 'RUNNING';
        seen.set(pod.id, {
          at: now.getTime(),
          costPerHr: pod.costPerHr,
          running,
          idle: isIdleSample(sample, { gpuUtilMax: deps.idleGpuUtil }),
        });
        if (!running) continue;
        metrics.set('podwarden_pod_price_dollars_per_hour', pod.costPerHr, { pod: pod.id, owner });
        liveRuntime(pod)?.gpus.forEach((gpu, index) => {
          if (gpu.utilPercent === null) return;
          const labels = { pod: pod.id, gpu: String(index) };
          metrics.set('podwarden_pod_gpu_utilization_ratio', gpu.utilPercent / 100, labels);
        });
      }
      for (const id of seen.keys()) if (!current.has(id)) seen.delete(id);
    },
  };
}
