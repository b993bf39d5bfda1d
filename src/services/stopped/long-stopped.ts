import type { PodSample } from '../../domain/samples.js';
import { type LongStoppedPod, latestByPod, longStoppedPods } from '../../domain/stopped-nudge.js';
import type { ServiceDeps } from '../ports.js';

/** Pods stopped longer than STOPPED_NUDGE_AFTER now, from the tracked stretches and the latest samples. */
export async function readLongStopped(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'settings'>,
  recent: readonly PodSample[],
): Promise<LongStoppedPod[]> {
  const stretches = await deps.store.listStoppedStretches();
  return longStoppedPods(stretches, latestByPod(recent), deps.clock.now(), deps.settings.stoppedNudgeAfterMs);
}
