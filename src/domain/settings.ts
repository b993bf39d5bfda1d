import type { WorkHours } from './work-hours.js';

/** The policy part of the configuration: plain data that services and rules read. */
export type IdleAction = 'ask-then-stop' | 'ask-only' | 'dry-run' | 'off';

export type Settings = {
  admins: readonly string[];
  /** null: every workspace user is a member. */
  members: readonly string[] | null;
  pollIntervalMs: number;
  idleGpuUtil: number;
  idleAfterMs: number;
  idleWarmupMs: number;
  idleGraceMs: number;
  /** Percent; CPU above it makes a sample busy (IDLE_CPU_BUSY); null: GPUs alone decide. */
  idleCpuBusy: number | null;
  /** The owners' working hours in their own time zones (IDLE_WORK_HOURS, IDLE_WORK_DAYS); null: none. */
  idleWorkHours: WorkHours | null;
  /** Window before the prompt inside an owner's working hours (IDLE_AFTER_WORK_HOURS). */
  idleAfterWorkHoursMs: number;
  /** Grace from prompt to stop outside an owner's working hours (IDLE_GRACE_OFF_HOURS). */
  idleGraceOffHoursMs: number;
  /** Percent of busy samples before a quiet stretch that marks a finished steady job (IDLE_STEADY_BUSY); null: off. */
  idleSteadyBusy: number | null;
  /** Percent of busy samples before a quiet stretch up to which the pod counts as waking up now and then (IDLE_SPORADIC_BUSY); null: off. */
  idleSporadicBusy: number | null;
  /** Window before the prompt for such a pod (IDLE_AFTER_SPORADIC). */
  idleAfterSporadicMs: number;
  /** Comebacks from quiet stretches in the last day from which a pod counts as one that comes back on its own (IDLE_COMEBACKS); null: off. */
  idleComebacks: number | null;
  /** Quiet before the owner of such a pod is asked (IDLE_AFTER_COMEBACK). */
  idleAfterComebackMs: number;
  idleAction: IdleAction;
  idleMaxKeepMs: number;
  idleChannel: string | null;
  digestTz: string;
  budgetPerHour: number | null;
  runwayAlertDays: number | null;
  deployMaxPerHour: number | null;
  /** STOPPED_NUDGE_AFTER: a pod stopped this long gets one nudge to its owner. */
  stoppedNudgeAfterMs: number;
  /** AUTORESUME_GIVE_UP_AFTER: how long after a spot interruption autoresume keeps trying. */
  autoresumeGiveUpAfterMs: number;
  /** MEMORY_WARN_PCT: GPU or container memory at or above it for 10 min warns the owner once. */
  memoryWarnPct: number;
  /** Billing reconciliation reads RunPod's REST billing history only with RUNPOD_API=rest. */
  reconcileBilling: boolean;
  /** Hourly aggregates older than this are deleted by the hourly fold (HOURLY_RETENTION). */
  hourlyRetentionMs: number;
};
