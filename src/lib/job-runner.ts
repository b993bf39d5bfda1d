import type { Logger } from './logger.js';

type Job = { name: string; timer: NodeJS.Timeout; running: Promise<void> | null };

/**
 * Runs periodic jobs without overlap: a tick that is still running when the next one is due is
 * skipped. Failures are logged and the job runs again next interval; they never crash the process.
 * `stop()` clears the timers and waits for ticks in flight, so shutdown finishes what it started.
 */
export type JobRunner = {
  every(name: string, intervalMs: number, tick: () => Promise<void>, options?: { runNow?: boolean }): void;
  /** Hands a background promise to the runner so that stop() waits for it and failures are logged. */
  track(name: string, work: Promise<unknown>): void;
  /**
   * No new ticks; waits for the ticks and tasks in flight, at most `budgetMs`. Resolves true when
   * everything finished, false when the budget ran out first (the work goes on, unawaited).
   */
  stop(budgetMs?: number): Promise<boolean>;
};

export function createJobRunner(logger: Logger): JobRunner {
  const jobs: Job[] = [];
  const background = new Set<Promise<unknown>>();
  let stopped = false;

  const runTick = (job: Job, tick: () => Promise<void>) => {
    if (stopped || job.running) return;
    job.running = tick()
      .catch((error: unknown) => logger.error({ job: job.name, err: error }, 'job tick failed'))
      .finally(() => {
        job.running = null;
      });
  };

  return {
    every(name, intervalMs, tick, options) {
      const job: Job = { name, running: null, timer: setInterval(() => runTick(job, tick), intervalMs) };
      job.timer.unref?.();
      jobs.push(job);
      if (options?.runNow) runTick(job, tick);
    },
    track(name, work) {
      const tracked = work
        .catch((error: unknown) => logger.error({ task: name, err: error }, 'background task failed'))
        .finally(() => background.delete(tracked));
      background.add(tracked);
    },
    async stop(budgetMs = Number.POSITIVE_INFINITY) {
      stopped = true;
      for (const job of jobs) clearInterval(job.timer);
      const inFlight = Promise.all([...jobs.map((job) => job.running), ...background]).then(() => true);
      if (!Number.isFinite(budgetMs)) return inFlight;
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), budgetMs);
      });
      const finished = await Promise.race([inFlight, budget]);
      clearTimeout(timer);
      if (!finished) logger.warn({ budgetMs }, 'stopped with job work still in flight');
      return finished;
    },
  };
}
