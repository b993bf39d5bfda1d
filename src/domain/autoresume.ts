/**
 * Autoresume (`/pod autoresume <pod> on|off`): after RunPod interrupts a spot pod whose owner
 * wants it, podwarden bid-resumes it, backing off while RunPod has no free GPU, until a bound
 * (AUTORESUME_GIVE_UP_AFTER). Pure rules; the use case lives in services/autoresume/.
 */
import type { AuditEntry } from './audit.js';
import { PODWARDEN_ACTOR } from './audit.js';
import type { PodStatus } from './pod.js';

/** `trying` until one of the ends: resumed, gave up, stopped by a person or a change, spot unavailable. */
export type AutoresumeRunState = 'trying' | 'resumed' | 'gave_up' | 'cancelled' | 'unavailable';

/** One interruption of one pod and podwarden's attempts to bring it back; one row per pod. */
export type AutoresumeRun = {
  podId: string;
  podName: string;
  /** When podwarden noticed the interruption: the give-up bound counts from here. */
  interruptedAt: Date;
  /** Where the attempts are reported: the interruption notice's channel and ts (the thread). */
  channel: string | null;
  threadTs: string | null;
  state: AutoresumeRunState;
  /** Attempts made so far. */
  attempts: number;
  /** The next attempt is due then; a claim moves it one lease ahead. */
  nextAt: Date;
  /** Changed by every claim and every write: the compare-and-set token. */
  updatedAt: Date;
};

/** Why podwarden stops trying before resuming. */
export type AutoresumeCancel = 'turned_off' | 'person_acted' | 'terminated' | 'running' | 'not_stopped';

export type AutoresumeStep =
  | { kind: 'attempt' }
  | { kind: 'give_up' }
  | { kind: 'cancel'; reason: AutoresumeCancel; by: string | null };

const MINUTE = 60_000;
/** The first retry comes this long after a failed attempt; each next one twice as long… */
export const AUTORESUME_FIRST_BACKOFF_MS = MINUTE;
/** …up to this. */
export const AUTORESUME_MAX_BACKOFF_MS = 30 * MINUTE;
/** A claimed attempt that never finished (the replica died) is due again this long after the claim. */
export const AUTORESUME_LEASE_MS = 5 * MINUTE;

/** Wait after `failed` failed attempts: 1, 2, 4, 8, 16, 30, 30 … minutes. */
export function autoresumeBackoffMs(failed: number): number {
  const doublings = Math.max(0, failed - 1);
  if (doublings >= 20) return AUTORESUME_MAX_BACKOFF_MS;
  return Math.min(AUTORESUME_MAX_BACKOFF_MS, AUTORESUME_FIRST_BACKOFF_MS * 2 ** doublings);
}

/** When to try next after a failed attempt: the backoff, but never past the give-up bound. */
export function nextAttemptAt(
  run: Pick<AutoresumeRun, 'interruptedAt'>,
  failed: number,
  now: Date,
  giveUpAfterMs: number,
): Date {
  const bound = run.interruptedAt.getTime() + giveUpAfterMs;
  return new Date(Math.max(now.getTime(), Math.min(now.getTime() + autoresumeBackoffMs(failed), bound)));
}

/** Lifecycle actions that, done by a person (or podwarden's idle stop) after the interruption, end the run. */
const PERSON_ACTIONS: readonly AuditEntry['action'][] = ['stop', 'idle_stop', 'resume', 'terminate'];

/** Audit reason of podwarden's own bid-resumes; they do not count as a person acting. */
export const AUTORESUME_REASON = 'autoresume after a spot interruption';

/** The newest stop, resume or terminate done since the interruption by anyone but autoresume itself. */
export function personActedSince(entries: readonly AuditEntry[], since: Date): AuditEntry | null {
  for (const entry of entries) {
    if (entry.at.getTime() < since.getTime()) continue;
    if (!PERSON_ACTIONS.includes(entry.action) || entry.outcome !== 'ok') continue;
    if (entry.actor === PODWARDEN_ACTOR && entry.reason === AUTORESUME_REASON) continue;
    return entry;
  }
  return null;
}

/**
 * What to do with a due run: cancel when the owner turned autoresume off, a person stopped,
 * resumed or terminated the pod since, or the pod is gone or no longer stopped; give up past the
 * bound; otherwise try a bid resume.
 */
export function decideAutoresume(input: {
  run: Pick<AutoresumeRun, 'interruptedAt'>;
  now: Date;
  giveUpAfterMs: number;
  enabled: boolean;
  /** The pod's status as RunPod reports it now; null when RunPod no longer knows it. */
  status: PodStatus | null;
  personActed: Pick<AuditEntry, 'actor'> | null;
}): AutoresumeStep {
  if (!input.enabled) return { kind: 'cancel', reason: 'turned_off', by: null };
  if (input.personActed) return { kind: 'cancel', reason: 'person_acted', by: input.personActed.actor };
  if (input.status === null || input.status === 'TERMINATED')
    return { kind: 'cancel', reason: 'terminated', by: null };
  if (input.status === 'RUNNING') return { kind: 'cancel', reason: 'running', by: null };
  if (input.status !== 'EXITED' && input.status !== 'PAUSED')
    return { kind: 'cancel', reason: 'not_stopped', by: null };
  if (input.now.getTime() - input.run.interruptedAt.getTime() >= input.giveUpAfterMs)
    return { kind: 'give_up' };
  return { kind: 'attempt' };
}
