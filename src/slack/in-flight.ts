/**
 * Counts Slack work still running after its ack, so that shutdown can finish what it started
 * instead of cutting a stop off between RunPod's answer and the user's reply.
 */
export type InFlight = {
  track<T>(work: () => Promise<T>): Promise<T>;
  count(): number;
  /** Resolves when nothing is in flight, or after `timeoutMs`; true when everything finished. */
  drain(timeoutMs: number): Promise<boolean>;
};

export function createInFlight(): InFlight {
  let active = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (active > 0) return;
    const done = waiters;
    waiters = [];
    for (const wake of done) wake();
  };
  return {
    async track(work) {
      active += 1;
      try {
        return await work();
      } finally {
        active -= 1;
        settle();
      }
    },
    count: () => active,
    async drain(timeoutMs) {
      if (active === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const finished = new Promise<boolean>((resolve) => waiters.push(() => resolve(true)));
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return await Promise.race([finished, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
