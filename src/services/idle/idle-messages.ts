import type { EpisodeAudience, IdleEpisode } from '../../domain/idle-episode.js';
import type { IdleEvidence } from '../../domain/idle-evidence.js';
import type { RepeatedKeeps } from '../../domain/repeated-keeps.js';
import type { OutgoingMessage } from '../ports.js';

/**
 * What the idle flow tells people, as plain data. The Slack side renders it (slack/blocks/idle-*.ts)
 * and hands the renderer in, so this service never knows Block Kit or action ids.
 */
export type PromptView = {
  episodeId: string;
  podId: string;
  podName: string;
  audience: Exclude<EpisodeAudience, 'none'>;
  /** The pod's owner now (after a Claim, the claimer); null while unowned. */
  ownerId: string | null;
  /** Who pressed Claim on this prompt, if anyone. */
  claimedBy: string | null;
  action: IdleEpisode['action'];
  evidence: IdleEvidence;
  deadlineAt: Date;
  /** The next 09:00 for the reader, the last keep button. */
  keepMorningAt: Date;
  timeZone: string;
  now: Date;
  /** The pod's earlier keeps while it stayed idle, from REPEATED_KEEPS_MIN on; said, never acted on. */
  keeps?: RepeatedKeeps | null;
};

export type ReminderView = {
  podId: string;
  podName: string;
  ownerId: string | null;
  action: IdleEpisode['action'];
  deadlineAt: Date;
  timeZone: string;
  now: Date;
};

/** How an episode ended (or paused, for escalations and dry runs): the prompt is updated to say so. */
export type OutcomeView = {
  outcome: 'stopped' | 'kept' | 'exempt' | 'busy' | 'escalated' | 'gone';
  podId: string;
  podName: string;
  /** Who decided: a Slack user id, or null for podwarden at the deadline. */
  by: string | null;
  at: Date;
  /** For keeps: until when. */
  until: Date | null;
  /** For escalations: the channel told. */
  escalatedTo: string | null;
  evidence: IdleEvidence | null;
  timeZone: string;
  now: Date;
  /**
   * For `gone`: the person who stopped or terminated the pod with a command while the prompt was
   * open (from the audit log), and whether that was the one the prompt asked.
   */
  stoppedBy?: { actor: string; at: Date; action: 'stop' | 'terminate'; isAsked: boolean } | null;
};

export type StopFailedView = {
  podId: string;
  podName: string;
  /** RunPod's answer, safe to show. */
  detail: string;
  deadlineAt: Date;
  timeZone: string;
  now: Date;
};

export type DryRunView = {
  podId: string;
  podName: string;
  ownerId: string | null;
  evidence: IdleEvidence | null;
  timeZone: string;
  now: Date;
};

export type EscalationView = {
  podId: string;
  podName: string;
  ownerId: string | null;
  evidence: IdleEvidence | null;
  openedAt: Date;
  timeZone: string;
  now: Date;
};

export type UnexpectedStopView = {
  podId: string;
  podName: string;
  ownerId: string | null;
  status: string;
  lastSeenRunningAt: Date;
  noticedAt: Date;
  costPerHr: number;
  timeZone: string;
  /** The owner turned autoresume on: podwarden bid-resumes the pod, replying in the thread. */
  autoresume?: boolean;
};

export type IdleMessages = {
  /** The DM or channel prompt with the evidence, the deadline and the answer buttons. */
  prompt(view: PromptView): OutgoingMessage;
  /** The one reminder, in the prompt's thread. */
  reminder(view: ReminderView): OutgoingMessage;
  /** The prompt, updated in place once the episode is decided. */
  outcome(view: OutcomeView): OutgoingMessage;
  /** In the thread, once: the stop at the deadline failed and will be retried. */
  stopFailed(view: StopFailedView): OutgoingMessage;
  /** In the thread: dry run, podwarden would have stopped the pod now. */
  dryRunNote(view: DryRunView): OutgoingMessage;
  /** To IDLE_CHANNEL under ask-only: nobody answered. */
  escalation(view: EscalationView): OutgoingMessage;
  /** To the owner: the pod stopped without anyone asking. */
  unexpectedStop(view: UnexpectedStopView): OutgoingMessage;
};
