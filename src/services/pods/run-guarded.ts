import { randomUUID } from 'node:crypto';
import { type AppError, RunpodError, StoreUnavailableError } from '../../domain/errors.js';
import type { Logger } from '../../lib/logger.js';
import { err, type Result } from '../../lib/result.js';

/** A short id the user can quote and an operator can grep the logs for. */
export const newReference = (): string => randomUUID().replace(/-/g, '').slice(0, 10);

/**
 * Runs a use case so that nothing escapes as an exception: RunPod's expected failures become
 * their kind as a value, anything else is logged once with a reference id the user will see.
 */
export async function runGuarded<T>(
  logger: Logger,
  operation: string,
  fields: Record<string, unknown>,
  work: () => Promise<Result<T, AppError>>,
): Promise<Result<T, AppError>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RunpodError) return err({ kind: error.kind, detail: error.detail });
    const reference = newReference();
    if (error instanceof StoreUnavailableError) {
      logger.error({ ...fields, operation, reference, err: error }, 'the store failed in a pod use case');
      return err({ kind: 'store_unavailable', reference });
    }
    logger.error({ ...fields, operation, reference, err: error }, 'unexpected error in a pod use case');
    return err({ kind: 'unexpected', reference });
  }
}
