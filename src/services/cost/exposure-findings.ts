import { exposedPods } from '../../domain/credential-exposure.js';
import { type ExposureFindings, isExposureDay } from '../../domain/digest-exposure.js';
import { RunpodError } from '../../domain/errors.js';
import type { ServiceDeps } from '../ports.js';

/**
 * The weekly exposure check for the digest: on Mondays (the channel's local day) every pod of the
 * account is read once and judged by its ports, image and environment; other days null. When
 * RunPod does not list the pods, the digest says the check was skipped and goes on.
 */
export async function readExposure(
  deps: Pick<ServiceDeps, 'gateway' | 'logger'>,
  now: Date,
  timeZone: string,
): Promise<ExposureFindings | null> {
  if (!isExposureDay(now, timeZone)) return null;
  try {
    return { kind: 'ok', pods: exposedPods(await deps.gateway.listPods()) };
  } catch (error) {
    if (!(error instanceof RunpodError)) throw error;
    deps.logger.warn({ kind: error.kind }, 'could not list RunPod pods; the exposure check is skipped');
    return { kind: 'unavailable' };
  }
}
