/** Every mutation attempt, by a person or by podwarden, is one audit entry. */
export type AuditAction =
  | 'stop'
  | 'resume'
  | 'terminate'
  | 'deploy'
  | 'claim'
  | 'assign'
  | 'keep'
  | 'exempt'
  | 'unexempt'
  /** `/pod autoresume <pod> on|off`. */
  | 'autoresume'
  | 'idle_prompt'
  | 'idle_stop'
  | 'idle_escalate'
  | 'idle_dry_run';

export type AuditOutcome = 'ok' | 'failed' | 'refused' | 'dry_run';

/** The actor of podwarden's own actions. */
export const PODWARDEN_ACTOR = 'podwarden';

export type AuditEntry = {
  at: Date;
  /** Slack user id, or PODWARDEN_ACTOR. */
  actor: string;
  podId: string;
  podName: string | null;
  action: AuditAction;
  reason: string | null;
  outcome: AuditOutcome;
  /** RunPod's answer, or why it was refused. */
  detail: string | null;
  /** JSON evidence for idle actions (window, samples, rule). */
  evidence: string | null;
};
