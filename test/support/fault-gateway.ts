/**
 * A fault-injecting wrapper around a real PodGateway: a test holds a chosen call after RunPod has
 * answered it, so that another replica, a click or a crash can happen between two steps of a poll
 * in an order the test decides (no sleeps, no timing).
 */
import type { PodGateway } from '../../src/services/ports.js';

type Method = 'listPods' | 'getPod' | 'stopPod';

export type Hold = {
  /** Resolves once the held call has its answer from RunPod and is waiting. */
  reached: Promise<void>;
  /** Lets the held call return its answer. */
  release(): void;
};

export type FaultGateway = {
  gateway: PodGateway;
  /** Holds the next call of `method` after RunPod answered it, until released. */
  holdAfter(method: Method): Hold;
  /** Every call made, by method name, oldest first. */
  readonly calls: readonly string[];
};

export function createFaultGateway(inner: PodGateway): FaultGateway {
  const holds = new Map<Method, { reached: () => void; released: Promise<void> }>();
  const calls: string[] = [];

  async function after<T>(method: Method, answer: Promise<T>): Promise<T> {
    calls.push(method);
    const value = await answer;
    const hold = holds.get(method);
    if (hold) {
      holds.delete(method);
      hold.reached();
      await hold.released;
    }
    return value;
  }

  const gateway: PodGateway = {
    ...inner,
    listPods: () => after('listPods', inner.listPods()),
    getPod: (podId) => after('getPod', inner.getPod(podId)),
    stopPod: (podId) => after('stopPod', inner.stopPod(podId)),
    resumePod: (podId, gpus) => inner.resumePod(podId, gpus),
    bidResumePod: (podId, gpus, bid) => inner.bidResumePod(podId, gpus, bid),
    terminatePod: (podId) => inner.terminatePod(podId),
    deployPod: (request) => inner.deployPod(request),
    listGpuTypes: () => inner.listGpuTypes(),
    getAccount: () => inner.getAccount(),
    getBilling: (from, to) => inner.getBilling(from, to),
  };

  return {
    gateway,
    holdAfter(method) {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.set(method, { reached, released });
      return { reached: reachedPromise, release };
    },
    get calls() {
      return calls;
    },
  };
}
