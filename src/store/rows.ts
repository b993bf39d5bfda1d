/**
 * Rows to domain values and back. The database is an edge: enum-like text and JSON arrays are
 * checked with zod on the way out, so a bad row fails loudly instead of leaking into the rules.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AuditEntry } from '../domain/audit.js';
import type { AlertState, DigestSubscription, SavingRecord } from '../domain/digest-subscription.js';
import type { IdleEpisode, Keep } from '../domain/idle-episode.js';
import type { HourlyAggregate, PodSample, PodSeen } from '../domain/samples.js';
import type {
  AlertStateTable,
  AuditLogTable,
  DigestSubscriptionTable,
  HourlyAggregateTable,
  IdleEpisodeTable,
  KeepTable,
  PodSeenTable,
  SampleTable,
  SavingTable,
} from './schema.js';

const NumberArray = z.array(z.number());
const EpisodeMessages = z.array(z.object({ channel: z.string(), ts: z.string() }));
const AuditActionText = z.enum([
  'stop',
  'resume',
  'terminate',
  'deploy',
  'claim',
  'assign',
  'keep',
  'exempt',
  'unexempt',
  'idle_prompt',
  'idle_stop',
  'idle_escalate',
  'idle_dry_run',
  'autoresume',
]);
const AuditOutcomeText = z.enum(['ok', 'failed', 'refused', 'dry_run']);
export const EpisodeStateText = z.enum([
  'open',
  'stopping',
  'stopped',
  'kept',
  'busy',
  'escalated',
  'dry_run_done',
  'gone',
]);
const EpisodeAudienceText = z.enum(['owner', 'channel', 'admins', 'none']);
const EpisodeActionText = z.enum(['ask-then-stop', 'ask-only', 'dry-run']);

const ms = (date: Date): number => date.getTime();
const msOrNull = (date: Date | null): number | null => (date === null ? null : date.getTime());
const date = (value: number): Date => new Date(Number(value));
const dateOrNull = (value: number | null): Date | null => (value === null ? null : new Date(Number(value)));
const json = (text: string): unknown => JSON.parse(text);

export const auditRow = (e: AuditEntry) => ({
  at: ms(e.at),
  actor: e.actor,
  pod_id: e.podId,
  pod_name: e.podName,
  action: e.action,
  reason: e.reason,
  outcome: e.outcome,
  detail: e.detail,
  evidence: e.evidence,
});

export const auditFromRow = (r: Selectable<AuditLogTable>): AuditEntry => ({
  at: date(r.at),
  actor: r.actor,
  podId: r.pod_id,
  podName: r.pod_name,
  action: AuditActionText.parse(r.action),
  reason: r.reason,
  outcome: AuditOutcomeText.parse(r.outcome),
  detail: r.detail,
  evidence: r.evidence,
});

export const sampleRow = (s: PodSample): SampleTable => ({
  pod_id: s.podId,
  pod_name: s.podName,
  at: ms(s.at),
  status: s.status,
  owner_id: s.ownerId,
  cost_per_hr: s.costPerHr,
  gpu_count: s.gpuCount,
  gpu_util: JSON.stringify(s.gpuUtil),
  gpu_mem: JSON.stringify(s.gpuMem),
  cpu_percent: s.cpuPercent,
  memory_percent: s.memoryPercent,
  uptime_seconds: s.uptimeSeconds,
  has_runtime: s.hasRuntime ? 1 : 0,
  volume_in_gb: s.volumeInGb,
  container_disk_in_gb: s.containerDiskInGb,
});

export const sampleFromRow = (r: SampleTable): PodSample => ({
  podId: r.pod_id,
  podName: r.pod_name,
  at: date(r.at),
  status: r.status,
  ownerId: r.owner_id,
  costPerHr: r.cost_per_hr,
  gpuCount: r.gpu_count,
  gpuUtil: NumberArray.parse(json(r.gpu_util)),
  gpuMem: NumberArray.parse(json(r.gpu_mem)),
  cpuPercent: r.cpu_percent,
  memoryPercent: r.memory_percent,
  uptimeSeconds: r.uptime_seconds,
  hasRuntime: r.has_runtime === 1,
  volumeInGb: r.volume_in_gb,
  containerDiskInGb: r.container_disk_in_gb,
});

export const hourlyRow = (a: HourlyAggregate): HourlyAggregateTable => ({
  pod_id: a.podId,
  hour: ms(a.hour),
  pod_name: a.podName,
  owner_id: a.ownerId,
  running_seconds: a.runningSeconds,
  idle_seconds: a.idleSeconds,
  busy_seconds: a.busySeconds,
  unknown_seconds: a.unknownSeconds,
  cost_usd: a.costUsd,
  idle_usd: a.idleUsd,
  busy_usd: a.busyUsd,
  storage_usd: a.storageUsd,
  gpu_seconds: a.gpuSeconds,
  mean_gpu_util: a.meanGpuUtil,
  max_gpu_util: a.maxGpuUtil,
  samples: a.samples,
});

export const hourlyFromRow = (r: HourlyAggregateTable): HourlyAggregate => ({
  podId: r.pod_id,
  podName: r.pod_name,
  hour: date(r.hour),
  ownerId: r.owner_id,
  runningSeconds: r.running_seconds,
  idleSeconds: r.idle_seconds,
  busySeconds: r.busy_seconds,
  unknownSeconds: r.unknown_seconds,
  costUsd: r.cost_usd,
  idleUsd: r.idle_usd,
  busyUsd: r.busy_usd,
  storageUsd: r.storage_usd,
  gpuSeconds: r.gpu_seconds,
  meanGpuUtil: r.mean_gpu_util,
  maxGpuUtil: r.max_gpu_util,
  samples: r.samples,
});

export const podSeenRow = (s: PodSeen): PodSeenTable => ({
  pod_id: s.podId,
  pod_name: s.podName,
  last_status: s.lastStatus,
  last_seen_at: ms(s.lastSeenAt),
  running_since: msOrNull(s.runningSince),
});

export const podSeenFromRow = (r: PodSeenTable): PodSeen => ({
  podId: r.pod_id,
  podName: r.pod_name,
  lastStatus: r.last_status,
  lastSeenAt: date(r.last_seen_at),
  runningSince: dateOrNull(r.running_since),
});

export const episodeRow = (e: IdleEpisode): IdleEpisodeTable => ({
  id: e.id,
  pod_id: e.podId,
  pod_name: e.podName,
  owner_id: e.ownerId,
  audience: e.audience,
  state: e.state,
  action: e.action,
  idle_since: ms(e.idleSince),
  opened_at: ms(e.openedAt),
  reminder_at: ms(e.reminderAt),
  reminded_at: msOrNull(e.remindedAt),
  deadline_at: ms(e.deadlineAt),
  messages: JSON.stringify(e.messages),
  evidence: e.evidence,
  cost_per_hr: e.costPerHr,
  decided_by: e.decidedBy,
  decided_at: msOrNull(e.decidedAt),
  stop_attempts: e.stopAttempts,
  updated_at: ms(e.updatedAt),
});

export const episodeFromRow = (r: IdleEpisodeTable): IdleEpisode => ({
  id: r.id,
  podId: r.pod_id,
  podName: r.pod_name,
  ownerId: r.owner_id,
  audience: EpisodeAudienceText.parse(r.audience),
  state: EpisodeStateText.parse(r.state),
  action: EpisodeActionText.parse(r.action),
  idleSince: date(r.idle_since),
  openedAt: date(r.opened_at),
  reminderAt: date(r.reminder_at),
  remindedAt: dateOrNull(r.reminded_at),
  deadlineAt: date(r.deadline_at),
  messages: EpisodeMessages.parse(json(r.messages)),
  evidence: r.evidence,
  costPerHr: r.cost_per_hr,
  decidedBy: r.decided_by,
  decidedAt: dateOrNull(r.decided_at),
  stopAttempts: r.stop_attempts,
  updatedAt: date(r.updated_at),
});

export const keepRow = (k: Keep): KeepTable => ({
  pod_id: k.podId,
  until_at: ms(k.until),
  kept_by: k.by,
  reason: k.reason,
  set_at: ms(k.at),
});

export const keepFromRow = (r: KeepTable): Keep => ({
  podId: r.pod_id,
  until: date(r.until_at),
  by: r.kept_by,
  reason: r.reason,
  at: date(r.set_at),
});

export const subscriptionRow = (s: DigestSubscription): DigestSubscriptionTable => ({
  channel: s.channel,
  hour: s.hour,
  minute: s.minute,
  time_zone: s.timeZone,
  subscribed_by: s.subscribedBy,
  subscribed_at: ms(s.subscribedAt),
});

export const subscriptionFromRow = (r: DigestSubscriptionTable): DigestSubscription => ({
  channel: r.channel,
  hour: r.hour,
  minute: r.minute,
  timeZone: r.time_zone,
  subscribedBy: r.subscribed_by,
  subscribedAt: date(r.subscribed_at),
});

export const alertFromRow = (r: AlertStateTable): AlertState => ({
  key: r.alert_key,
  active: r.active === 1,
  changedAt: date(r.changed_at),
  value: r.value,
});

export const savingRow = (s: SavingRecord) => ({
  pod_id: s.podId,
  pod_name: s.podName,
  stopped_at: ms(s.stoppedAt),
  cost_per_hr: s.costPerHr,
  owner_id: s.ownerId,
  resumed_at: msOrNull(s.resumedAt),
});

export const savingFromRow = (r: Selectable<SavingTable>): SavingRecord => ({
  podId: r.pod_id,
  podName: r.pod_name,
  stoppedAt: date(r.stopped_at),
  costPerHr: r.cost_per_hr,
  ownerId: r.owner_id,
  resumedAt: dateOrNull(r.resumed_at),
});
