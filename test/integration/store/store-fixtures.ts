import type { AuditEntry } from '../../../src/domain/audit.js';
import type { IdleEpisode } from '../../../src/domain/idle-episode.js';
import type { HourlyAggregate, PodSample } from '../../../src/domain/samples.js';

export const T0 = new Date('2026-11-02T10:00:00.000Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export function aSample(overrides: Partial<PodSample> = {}): PodSample {
  return {
    podId: 'pod-a',
    podName: 'llama-ft',
    at: T0,
    status: 'RUNNING',
    ownerId: 'U_ALICE',
    costPerHr: 2.49,
    gpuCount: 2,
    gpuUtil: [3, 97.5],
    gpuMem: [10, 80.25],
    cpuPercent: 12.5,
    memoryPercent: 40,
    uptimeSeconds: 3600,
    hasRuntime: true,
    volumeInGb: 50,
    containerDiskInGb: 20,
    ...overrides,
  };
}

export function anAggregate(overrides: Partial<HourlyAggregate> = {}): HourlyAggregate {
  return {
    podId: 'pod-a',
    podName: 'llama-ft',
    hour: new Date('2026-11-01T08:00:00.000Z'),
    ownerId: 'U_ALICE',
    runningSeconds: 3600,
    idleSeconds: 1200,
    busySeconds: 2280,
    unknownSeconds: 120,
    costUsd: 2.49,
    idleUsd: 0.83,
    busyUsd: 1.577,
    storageUsd: 0.0069,
    gpuSeconds: 7200,
    meanGpuUtil: 41.5,
    maxGpuUtil: 99,
    samples: 60,
    ...overrides,
  };
}

export function anEpisode(overrides: Partial<IdleEpisode> = {}): IdleEpisode {
  return {
    id: 'ep-1',
    podId: 'pod-a',
    podName: 'llama-ft',
    ownerId: 'U_ALICE',
    audience: 'owner',
    state: 'open',
    action: 'ask-then-stop',
    idleSince: at(-30),
    openedAt: T0,
    reminderAt: at(20),
    remindedAt: null,
    deadlineAt: at(30),
    messages: [{ channel: 'D_ALICE', ts: '1730000000.000100' }],
    evidence: '{"window":"30m","maxUtil":0}',
    costPerHr: 2.49,
    decidedBy: null,
    decidedAt: null,
    stopAttempts: 0,
    updatedAt: T0,
    ...overrides,
  };
}

export function anAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: T0,
    actor: 'U_ALICE',
    podId: 'pod-a',
    podName: 'llama-ft',
    action: 'stop',
    reason: 'done for today',
    outcome: 'ok',
    detail: 'podStop: EXITED',
    evidence: null,
    ...overrides,
  };
}

export function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}
