import { type AppError, RunpodError } from '../../domain/errors.js';
import { type Err, err } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { type ActionAudit, recordAudit } from './record-audit.js';
import { describeFailure } from './run-mutation.js';

/**
 * Ends a lifecycle action whose RunPod mutation failed: the failure is audited, then RunPod's
 * expected failures become the error value and anything else is rethrown (runGuarded logs it).
 */
export async function failedMutation(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'logger'>,
  audit: ActionAudit,
  error: unknown,
): Promise<Err<AppError>> {
  await recordAudit(deps, { ...audit, outcome: 'failed', detail: describeFailure(error) });
  if (error instanceof RunpodError) return err({ kind: error.kind, detail: error.detail });
  throw error;
}
