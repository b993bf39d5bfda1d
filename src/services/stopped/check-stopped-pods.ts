import type { PodSample } from '../../domain/samples.js';
import {
  latestByPod,
  nudgeDue,
  type StoppedStretch,
  stoppedSince,
  stoppedStorage,
} from '../../domain/stopped-nudge.js';
import { readerTimeZone } from '../idle/idle-context.js';
import type { ServiceDeps } from '../ports.js';
import type { StoppedMessages } from './stopped-messages.js';

const HOUR_MS = 3_600_000;
/** Raw samples are kept 48 h; older evidence comes from hourly aggregates this far back. */
const RAW_LOOKBACK_MS = 48 * HOUR_MS;
const HOURLY_LOOKBACK_MS = 90 * 24 * HOUR_MS;

export type StoppedCheckReport = { ok: boolean; tracked: number; nudges: number };

const isStopped = (sample: PodSample): boolean =>
  sample.status !== 'RUNNING' && sample.status !== 'TERMINATED';

/**
 * One pass over the pods as the last poll saw them (no RunPod call): a stopped pod's stretch is
 * tracked from its start, a pod running again or gone ends it, and a stretch stopped longer than
 * STOPPED_NUDGE_AFTER gets its one nudge, claimed in the store first so that restarts and replicas
 * never send it twice. Nothing is checked while there are no fresh samples (RunPod unreachable).
 */
export async function checkStoppedPods(
  deps: ServiceDeps,
  messages: StoppedMessages,
): Promise<StoppedCheckReport> {
  const now = deps.clock.now();
  const log = deps.logger.child({ job: 'stopped_pods' });
  const recent = await deps.store.listSamples(
    null,
    new Date(now.getTime() - 3 * deps.settings.pollIntervalMs),
    new Date(now.getTime() + 1),
  );
  if (recent.length === 0) return { ok: false, tracked: 0, nudges: 0 };
  const latest = latestByPod(recent);

  const known = new Map((await deps.store.listStoppedStretches()).map((s) => [s.podId, s]));
  const ended = [...known.keys()].filter((podId) => {
    const sample = latest.get(podId);
    return !sample || !isStopped(sample);
  });
  await deps.store.endStoppedStretches(ended);

  const fresh = [...latest.values()].filter((s) => isStopped(s) && !known.has(s.podId));
  if (fresh.length > 0) await openStretches(deps, fresh);

  const stretches = (await deps.store.listStoppedStretches()).filter((s) => {
    const sample = latest.get(s.podId);
    return sample !== undefined && isStopped(sample);
  });
  const owners = await deps.store.listOwners();
  let nudges = 0;
  for (const stretch of stretches) {
    if (!nudgeDue(stretch, now, deps.settings.stoppedNudgeAfterMs)) continue;
    const sample = latest.get(stretch.podId);
    if (!sample) continue;
    const ownerId = owners.get(stretch.podId) ?? null;
    const recipient = ownerId ?? deps.settings.idleChannel;
    if (recipient === null) continue;
    if (!(await deps.store.claimStoppedNudge(stretch.podId, stretch.since, now))) continue;
    const volumeInGb = Math.max(0, sample.volumeInGb ?? 0);
    const message = messages.nudge({
      podId: stretch.podId,
      podName: sample.podName,
      ownerId,
      audience: ownerId ? 'owner' : 'channel',
      since: stretch.since,
      sinceExact: stretch.sinceExact,
      now,
      volumeInGb,
      ...stoppedStorage(volumeInGb, stretch.since, now),
      again: stretch.nudgedAt !== null,
      timeZone: await readerTimeZone(deps, ownerId),
    });
    try {
      await deps.notifier.post(recipient, message);
      nudges++;
      log.info({ pod: stretch.podId, owner: ownerId }, 'nudged about a long-stopped pod');
    } catch (error) {
      // Given back, so the next pass tries again rather than never.
      await deps.store.releaseStoppedNudge(stretch, now);
      log.warn({ pod: stretch.podId, err: error }, 'could not send a stopped-pod nudge; trying again later');
    }
  }
  return { ok: true, tracked: stretches.length, nudges };
}

/** Starts tracking newly stopped pods, each from the last time podwarden saw it running. */
async function openStretches(deps: ServiceDeps, pods: readonly PodSample[]): Promise<void> {
  const now = deps.clock.now();
  const [raw, hourly] = await Promise.all([
    deps.store.listSamples(null, new Date(now.getTime() - RAW_LOOKBACK_MS), new Date(now.getTime() + 1)),
    deps.store.listHourly(new Date(now.getTime() - HOURLY_LOOKBACK_MS), now),
  ]);
  for (const pod of pods) {
    const { since, exact } = stoppedSince(pod.podId, raw, hourly, now);
    const stretch: StoppedStretch = {
      podId: pod.podId,
      podName: pod.podName,
      since,
      sinceExact: exact,
      nudgedAt: null,
      snoozedUntil: null,
      snoozedBy: null,
    };
    await deps.store.openStoppedStretch(stretch);
  }
}
