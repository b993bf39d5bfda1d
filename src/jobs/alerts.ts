import type { Settings } from '../domain/settings.js';
import type { JobRunner } from '../lib/job-runner.js';
import type { Services } from '../services/services.js';

/**
 * Checks the spend rate against BUDGET_PER_HOUR and the runway against RUNWAY_ALERT_DAYS every
 * poll interval, when either is set. Each crossing is posted once (the store's flip decides).
 */
export function startAlerts(
  runner: JobRunner,
  deps: {
    services: Pick<Services, 'cost'>;
    settings: Pick<Settings, 'budgetPerHour' | 'runwayAlertDays' | 'pollIntervalMs'>;
  },
): boolean {
  if (deps.settings.budgetPerHour === null && deps.settings.runwayAlertDays === null) return false;
  runner.every(
    'alerts',
    deps.settings.pollIntervalMs,
    async () => {
      await deps.services.cost.checkAlerts();
    },
    { runNow: true },
  );
  return true;
}
