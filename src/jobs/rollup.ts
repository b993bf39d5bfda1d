import type { JobRunner } from '../lib/job-runner.js';
import type { Services } from '../services/services.js';

export const ROLLUP_INTERVAL_MS = 3_600_000;

/**
 * Folds every complete hour of raw samples into hourly aggregates (raw samples stay 48 h), hourly
 * and once on start. Safe on every replica: the fold never rewrites an hour already folded.
 */
export function startRollup(runner: JobRunner, deps: { services: Pick<Services, 'cost'> }): void {
  runner.every(
    'rollup',
    ROLLUP_INTERVAL_MS,
    async () => {
      await deps.services.cost.rollup();
    },
    { runNow: true },
  );
}
