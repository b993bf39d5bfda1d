/**
 * One idle episode of one pod: from turning idle until busy again, stopped, or kept. Its state
 * changes only through compare-and-set transitions in the store, so double clicks, replicas and
 * restarts cannot stop a pod twice.
 */
export type EpisodeState =
  | 'open' // prompt sent, waiting for an answer or the deadline
  | 'stopping' // a stop has been claimed and is in flight
  | 'stopped' // the pod was stopped (by the owner's answer or at the deadline)
  | 'kept' // the owner chose to keep it
  | 'busy' // activity returned before the deadline
  | 'escalated' // ask-only: the deadline passed and the channel was told
  | 'dry_run_done' // dry-run: the deadline passed and "would have stopped" was noted
  | 'gone'; // the pod stopped or vanished for another reason

export type EpisodeAudience = 'owner' | 'channel' | 'admins' | 'none';

export type IdleEpisode = {
  id: string;
  podId: string;
  podName: string;
  ownerId: string | null;
  audience: EpisodeAudience;
  state: EpisodeState;
  /** The policy in force when the prompt went out. */
  action: 'ask-then-stop' | 'ask-only' | 'dry-run';
  idleSince: Date;
  openedAt: Date;
  reminderAt: Date;
  remindedAt: Date | null;
  deadlineAt: Date;
  /** Where the prompt lives, for chat.update and thread replies: one per recipient. */
  messages: { channel: string; ts: string }[];
  /** JSON of the evidence shown in the prompt. */
  evidence: string;
  costPerHr: number;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** Failed stop attempts at the deadline, retried on the next sweep. */
  stopAttempts: number;
  updatedAt: Date;
};

export type Keep = { podId: string; until: Date; by: string; reason: string | null; at: Date };
