import { RunpodError } from '../../domain/errors.js';
import {
  type ServerlessReport,
  type ServerlessUnavailable,
  serverlessSpend,
} from '../../domain/serverless.js';
import type { ServiceDeps } from '../ports.js';

const reasonOf = (error: RunpodError): ServerlessUnavailable['reason'] => {
  if (error.kind === 'runpod_auth' || error.kind === 'runpod_forbidden') return 'auth';
  if (error.kind === 'runpod_rejected' || error.kind === 'runpod_bad_request') return 'rejected';
  return 'unreachable';
};

/**
 * Serverless spend over [from, to) with the always-on workers' estimate, read once per report.
 * Null when the gateway cannot read serverless at all (nothing is said); unavailable when RunPod
 * failed (the report says so in one line, and nothing else fails).
 */
export async function readServerless(
  deps: Pick<ServiceDeps, 'gateway' | 'logger'>,
  from: Date,
  to: Date,
): Promise<ServerlessReport | null> {
  if (!deps.gateway.getServerless) return null;
  try {
    return serverlessSpend(await deps.gateway.getServerless(from, to), from, to);
  } catch (error) {
    if (!(error instanceof RunpodError)) throw error;
    deps.logger.warn({ kind: error.kind }, 'could not read RunPod serverless; reporting without it');
    return { kind: 'unavailable', reason: reasonOf(error) };
  }
}
