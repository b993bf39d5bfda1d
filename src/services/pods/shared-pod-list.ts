import type { Pod } from '../../domain/pod.js';
import type { Clock } from '../../lib/clock.js';
import { turns } from '../../lib/turns.js';
import type { PodGateway } from '../ports.js';

export type SharedPodListOptions = {
  /** A finished list is handed out again for this long (clock time). */
  freshMs: number;
  /** RunPod requests of any kind at once; the others wait their turn. */
  maxInFlight: number;
};

/** A counting semaphore: run() waits while `max` tasks are running. */
function limiter(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * The gateway for people's commands: concurrent `/pod list`s (and every lookup by name) share one
 * RunPod request, and its answer serves for `freshMs` more; at most `maxInFlight` RunPod requests
 * run at once. Any mutation through it forgets the shared list (also one still in flight), so
 * what a person changed shows in the next list. Callers get their own copy of the array.
 */
export function sharePodList(gateway: PodGateway, clock: Clock, options: SharedPodListOptions): PodGateway {
  const limit = limiter(options.maxInFlight);
  // The callers one RunPod answer releases go on one per event-loop turn: the acks of commands
  // arriving meanwhile are not held behind every one of their replies.
  const nextTurn = turns();
  let shared: { promise: Promise<Pod[]>; settledAt: number | null } | null = null;

  const listPods = async (): Promise<Pod[]> => {
    const now = clock.now().getTime();
    const current = shared;
    if (current && current.settledAt !== null && now - current.settledAt < options.freshMs) {
      return [...(await current.promise)];
    }
    if (current && current.settledAt === null) {
      const pods = await current.promise;
      await nextTurn();
      return [...pods];
    }
    const entry: { promise: Promise<Pod[]>; settledAt: number | null } = {
      promise: limit(() => gateway.listPods()),
      settledAt: null,
    };
    shared = entry;
    try {
      const pods = await entry.promise;
      entry.settledAt = clock.now().getTime();
      return [...pods];
    } catch (error) {
      // A failure is nobody's answer for later callers.
      if (shared === entry) shared = null;
      throw error;
    }
  };

  /** A mutation forgets the shared list before and after: no list from before it is handed out. */
  const mutation = async <T>(task: () => Promise<T>): Promise<T> => {
    shared = null;
    try {
      return await limit(task);
    } finally {
      shared = null;
    }
  };

  return {
    ...gateway,
    listPods,
    getPod: (podId) => limit(() => gateway.getPod(podId)),
    listGpuTypes: () => limit(() => gateway.listGpuTypes()),
    getAccount: () => limit(() => gateway.getAccount()),
    getBilling: (from, to) => limit(() => gateway.getBilling(from, to)),
    stopPod: (podId) => mutation(() => gateway.stopPod(podId)),
    resumePod: (podId, gpuCount) => mutation(() => gateway.resumePod(podId, gpuCount)),
    bidResumePod: (podId, gpuCount, bid) => mutation(() => gateway.bidResumePod(podId, gpuCount, bid)),
    terminatePod: (podId) => mutation(() => gateway.terminatePod(podId)),
    deployPod: (request) => mutation(() => gateway.deployPod(request)),
  };
}
