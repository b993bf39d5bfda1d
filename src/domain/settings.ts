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
  idleAction: IdleAction;
  idleMaxKeepMs: number;
  idleChannel: string | null;
  digestTz: string;
  budgetPerHour: number | null;
  runwayAlertDays: number | null;
  deployMaxPerHour: number | null;
  /** STOPPED_NUDGE_AFTER: a pod stopped this long gets one nudge to its owner. */
  stoppedNudgeAfterMs: number;
  /** MEMORY_WARN_PCT: GPU or container memory at or above it for 10 min warns the owner once. */
  memoryWarnPct: number;
  /** Billing reconciliation reads RunPod's REST billing history only with RUNPOD_API=rest. */
  reconcileBilling: boolean;
};
