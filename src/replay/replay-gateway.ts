import { RunpodError } from '../domain/errors.js';
import { barePod, type Pod } from '../domain/pod.js';
import type { Clock } from '../lib/clock.js';
import type { PodGateway } from '../services/ports.js';
import type { Trace, TracePod, TraceSample } from './trace.js';

/** Per pod and step: the latest line at or before the step, and where its running stretch began. */
type PodIndex = { pod: TracePod; lastLine: Int32Array; runStart: Int32Array; gpuCount: number };

function indexPod(pod: TracePod): PodIndex {
  const steps = pod.samples.length;
  const lastLine = new Int32Array(steps).fill(-1);
  const runStart = new Int32Array(steps).fill(-1);
  let last = -1;
  let start = -1;
  let gpuCount = 0;
  for (let t = 0; t < steps; t++) {
    const sample = pod.samples[t];
    if (sample) {
      last = t;
      gpuCount = Math.max(gpuCount, sample.gpus.length);
      if (sample.status !== 'RUNNING') start = -1;
      else if (start < 0) start = t;
    }
    lastLine[t] = last;
    runStart[t] = start;
  }
  return { pod, lastLine, runStart, gpuCount };
}

function toPod(index: PodIndex, step: number, stepMs: number, stopped: boolean): Pod | null {
  const last = index.lastLine[step] ?? -1;
  const line: TraceSample | undefined = last >= 0 ? index.pod.samples[last] : undefined;
  if (!line) return null;
  const running = !stopped && line.status === 'RUNNING';
  // A running pod without a line at this step is a missing sample: RunPod reports it without metrics.
  const measured = running && last === step;
  const runStart = index.runStart[step] ?? -1;
  return {
    ...barePod(index.pod.id, line.name, running ? 'RUNNING' : 'EXITED'),
    gpuTypeId: 'REPLAY GPU',
    gpuDisplayName: 'replay GPU',
    gpuCount: line.gpus.length > 0 ? line.gpus.length : index.gpuCount,
    costPerHr: line.costPerHr,
    runtime: measured
      ? {
          uptimeSeconds: runStart >= 0 ? ((step - runStart) * stepMs) / 1000 : null,
          gpus: line.gpus.map((util, gpu) => ({
            utilPercent: util,
            memoryPercent: line.gpuMem[gpu] ?? null,
          })),
          cpuPercent: line.cpu,
          memoryPercent: null,
          ports: [],
        }
      : null,
  };
}

export type ReplayGateway = {
  gateway: PodGateway;
  /** When each pod was stopped through the gateway, in ms after the trace start. */
  stops: ReadonlyMap<string, number>;
};

/**
 * RunPod as the trace shows it at the clock's current step, with one difference: a pod stopped
 * through the gateway stays EXITED for the rest of the trace, whatever the trace says.
 */
export function createReplayGateway(trace: Trace, clock: Clock): ReplayGateway {
  const indexes = trace.pods.map(indexPod);
  const byId = new Map(indexes.map((index) => [index.pod.id, index]));
  const stops = new Map<string, number>();
  const elapsed = () => clock.now().getTime() - trace.start.getTime();
  const stepNow = () => Math.min(trace.steps - 1, Math.max(0, Math.floor(elapsed() / trace.stepMs)));
  const podAt = (index: PodIndex, step: number) => toPod(index, step, trace.stepMs, stops.has(index.pod.id));
  const unsupported = async (): Promise<never> => {
    throw new RunpodError('runpod_rejected', 'not available in a replay');
  };

  const gateway: PodGateway = {
    async listPods() {
      const step = stepNow();
      return indexes.map((index) => podAt(index, step)).filter((pod): pod is Pod => pod !== null);
    },
    async getPod(podId) {
      const index = byId.get(podId);
      return index ? podAt(index, stepNow()) : null;
    },
    async stopPod(podId) {
      const index = byId.get(podId);
      const pod = index ? podAt(index, stepNow()) : null;
      if (!pod) throw new RunpodError('runpod_not_found', `pod ${podId} not found`);
      // Stopping a pod that is not running changes nothing, so it is no stop to score.
      if (pod.status === 'RUNNING') stops.set(podId, elapsed());
    },
    resumePod: unsupported,
    bidResumePod: unsupported,
    terminatePod: unsupported,
    deployPod: unsupported,
    async listGpuTypes() {
      return [];
    },
    async getAccount() {
      return { clientBalance: null, currentSpendPerHr: null };
    },
    async getBilling() {
      return null;
    },
  };
  return { gateway, stops };
}
