import { memoryAlertKey, memoryVerdict } from '../../domain/memory-pressure.js';
import type { PodSample } from '../../domain/samples.js';
import { readerTimeZone } from '../idle/idle-context.js';
import type { ServiceDeps } from '../ports.js';
import type { MemoryMessages } from './memory-messages.js';

const HOUR_MS = 3_600_000;

export type MemoryCheckReport = { ok: boolean; warnings: number };

/**
 * One pass over the last hour of samples (no RunPod call): a running pod whose GPU or container
 * memory has stayed at or above MEMORY_WARN_PCT for ten minutes warns its owner once per episode
 * (the escalation channel for an unowned one). The episode is a flip in the store, so restarts and
 * replicas never warn twice; it ends when the memory is back below the threshold. Nothing is stopped.
 */
export async function checkMemory(deps: ServiceDeps, messages: MemoryMessages): Promise<MemoryCheckReport> {
  const now = deps.clock.now();
  const log = deps.logger.child({ job: 'memory_warnings' });
  const hour = await deps.store.listSamples(
    null,
    new Date(now.getTime() - HOUR_MS),
    new Date(now.getTime() + 1),
  );
  if (hour.length === 0) return { ok: false, warnings: 0 };
  const byPod = new Map<string, PodSample[]>();
  for (const sample of hour) {
    const list = byPod.get(sample.podId);
    if (list) list.push(sample);
    else byPod.set(sample.podId, [sample]);
  }
  const owners = await deps.store.listOwners();
  const options = { pct: deps.settings.memoryWarnPct, pollIntervalMs: deps.settings.pollIntervalMs };
  let warnings = 0;
  for (const [podId, samples] of byPod) {
    const verdict = memoryVerdict(samples, now, options);
    const key = memoryAlertKey(podId);
    if (verdict.kind === 'normal') {
      if ((await deps.store.getAlertState(key))?.active) await deps.store.flipAlert(key, false, now, null);
      continue;
    }
    if (verdict.kind !== 'high') continue;
    const ownerId = owners.get(podId) ?? null;
    const recipient = ownerId ?? deps.settings.idleChannel;
    if (recipient === null) continue;
    if (!(await deps.store.flipAlert(key, true, now, verdict.gpuPercent ?? verdict.containerPercent)))
      continue;
    const latest = samples.at(-1);
    const message = messages.warning({
      podId,
      podName: latest?.podName ?? podId,
      ownerId,
      audience: ownerId ? 'owner' : 'channel',
      which: verdict.which,
      pct: options.pct,
      highSince: verdict.since,
      now,
      gpuPercent: verdict.gpuPercent,
      containerPercent: verdict.containerPercent,
      gpuSeries: samples.map((s) => (s.gpuMem.length > 0 ? Math.max(...s.gpuMem) : null)),
      containerSeries: samples.map((s) => s.memoryPercent),
      timeZone: await readerTimeZone(deps, ownerId),
    });
    try {
      await deps.notifier.post(recipient, message);
      warnings++;
      log.info({ pod: podId, owner: ownerId, which: verdict.which }, 'warned about memory close to full');
    } catch (error) {
      // Given back, so the next pass tries again.
      await deps.store.flipAlert(key, false, now, null);
      log.warn({ pod: podId, err: error }, 'could not send a memory warning; trying again later');
    }
  }
  return { ok: true, warnings };
}
