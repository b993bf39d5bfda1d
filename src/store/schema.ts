/**
 * The tables as Kysely sees them. Times are integer epoch milliseconds (bigint on Postgres, read
 * back as numbers), booleans are 0/1 integers, arrays are JSON text: one shape for both dialects.
 */
import type { Generated } from 'kysely';

export type StoreDialect = 'sqlite' | 'postgres';

export type PodOwnerTable = { pod_id: string; user_id: string; set_by: string; set_at: number };

export type AuditLogTable = {
  id: Generated<number>;
  at: number;
  actor: string;
  pod_id: string;
  pod_name: string | null;
  action: string;
  reason: string | null;
  outcome: string;
  detail: string | null;
  evidence: string | null;
};

export type SampleTable = {
  pod_id: string;
  pod_name: string;
  at: number;
  status: string;
  owner_id: string | null;
  cost_per_hr: number;
  gpu_count: number;
  gpu_util: string;
  gpu_mem: string;
  cpu_percent: number | null;
  memory_percent: number | null;
  uptime_seconds: number | null;
  has_runtime: number;
  volume_in_gb: number | null;
  container_disk_in_gb: number | null;
};

export type HourlyAggregateTable = {
  pod_id: string;
  hour: number;
  pod_name: string;
  owner_id: string | null;
  running_seconds: number;
  idle_seconds: number;
  busy_seconds: number;
  unknown_seconds: number;
  cost_usd: number;
  idle_usd: number;
  busy_usd: number;
  storage_usd: number;
  gpu_seconds: number;
  mean_gpu_util: number | null;
  max_gpu_util: number | null;
  samples: number;
};

export type PodSeenTable = {
  pod_id: string;
  pod_name: string;
  last_status: string;
  last_seen_at: number;
  running_since: number | null;
};

export type IdleEpisodeTable = {
  id: string;
  pod_id: string;
  pod_name: string;
  owner_id: string | null;
  audience: string;
  state: string;
  action: string;
  idle_since: number;
  opened_at: number;
  reminder_at: number;
  reminded_at: number | null;
  deadline_at: number;
  messages: string;
  evidence: string;
  cost_per_hr: number;
  decided_by: string | null;
  decided_at: number | null;
  stop_attempts: number;
  updated_at: number;
};

export type KeepTable = {
  pod_id: string;
  until_at: number;
  kept_by: string;
  reason: string | null;
  set_at: number;
};

export type ExemptionTable = { pod_id: string; exempted_by: string; exempted_at: number };

export type DigestSubscriptionTable = {
  channel: string;
  hour: number;
  minute: number;
  time_zone: string;
  subscribed_by: string;
  subscribed_at: number;
};

export type DigestClaimTable = {
  channel: string;
  local_date: string;
  claimed_at: number;
  message_ts: string | null;
};

export type AlertStateTable = { alert_key: string; active: number; changed_at: number; value: number | null };

export type SavingTable = {
  id: Generated<number>;
  pod_id: string;
  pod_name: string;
  stopped_at: number;
  cost_per_hr: number;
  owner_id: string | null;
  resumed_at: number | null;
};

export type PromptOutboxTable = {
  episode_id: string;
  recipient: string;
  channel: string;
  state: string;
  ts: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
};

export type EscalationOutboxTable = {
  episode_id: string;
  channel: string;
  message: string;
  state: string;
  ts: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
};

/** A stopped stretch of a pod and its nudges (issue 9). */
export type StoppedPodTable = {
  pod_id: string;
  pod_name: string;
  since: number;
  since_exact: number;
  nudged_at: number | null;
  snoozed_until: number | null;
  snoozed_by: string | null;
};

/** `/pod autoresume <pod> on|off` (issue 9). */
export type AutoresumePodTable = {
  pod_id: string;
  enabled: number;
  set_by: string;
  set_at: number;
};

/** One interruption of a spot pod and podwarden's bid-resume attempts; one row per pod. */
export type AutoresumeRunTable = {
  pod_id: string;
  pod_name: string;
  interrupted_at: number;
  channel: string | null;
  thread_ts: string | null;
  state: string;
  attempts: number;
  next_at: number;
  updated_at: number;
};

export type StoreSchema = {
  autoresume_pods: AutoresumePodTable;
  autoresume_runs: AutoresumeRunTable;
  prompt_outbox: PromptOutboxTable;
  escalation_outbox: EscalationOutboxTable;
  pod_owners: PodOwnerTable;
  audit_log: AuditLogTable;
  samples: SampleTable;
  hourly_aggregates: HourlyAggregateTable;
  pod_seen: PodSeenTable;
  idle_episodes: IdleEpisodeTable;
  keeps: KeepTable;
  exemptions: ExemptionTable;
  digest_subscriptions: DigestSubscriptionTable;
  digest_claims: DigestClaimTable;
  alert_states: AlertStateTable;
  savings: SavingTable;
  stopped_pods: StoppedPodTable;
};
