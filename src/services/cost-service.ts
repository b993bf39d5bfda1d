import type { AppError } from '../domain/errors.js';
import { ok, type Result } from '../lib/result.js';
import { type AlertReport, checkAlerts } from './cost/check-alerts.js';
import { type CostQuery, type CostReport, costReport } from './cost/cost-report.js';
import { type RollupReport, rollupSamples } from './cost/rollup-samples.js';
import { runGuarded } from './pods/run-guarded.js';
import type { ServiceDeps } from './ports.js';

export type { AlertReport } from './cost/check-alerts.js';
export type { CostQuery, CostReport } from './cost/cost-report.js';
export type { RollupReport } from './cost/rollup-samples.js';

/** Cost accounting (PRODUCT.md §4): `/pod cost`, the hourly fold of old samples, budget alerts. */
export type CostService = {
  /** Spend of a period in the asker's time zone; anyone may ask about anyone. */
  report(query: CostQuery): Promise<Result<CostReport, AppError>>;
  /**
   * Folds complete hours of raw samples into hourly aggregates, deletes raw samples past 48 h and
   * aggregates past HOURLY_RETENTION; run hourly.
   */
  rollup(): Promise<RollupReport>;
  /** Posts budget and runway alerts once per crossing; run every poll interval. */
  checkAlerts(): Promise<AlertReport>;
};

export function createCostService(deps: ServiceDeps): CostService {
  return {
    report: (query) =>
      runGuarded(deps.logger, 'cost_report', { user: query.askerId }, async () =>
        ok(await costReport(deps, query)),
      ),
    rollup: () => rollupSamples(deps),
    checkAlerts: () => checkAlerts(deps),
  };
}
