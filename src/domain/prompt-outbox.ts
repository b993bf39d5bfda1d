/**
 * The outbox of idle prompts: one row per episode and recipient, committed before the prompt is
 * posted, so that whatever happens to the post (an answer that comes too late, a crash between
 * Slack's post and our write) the next sweep knows a prompt may be out and looks for it before it
 * ever posts again.
 */
export type PromptOutboxState =
  | 'pending' // about to be posted, or posted with no answer yet: look before posting again
  | 'unsent' // Slack proved it did not post it (429, connection refused, a refusal): post again
  | 'posted'; // Slack's answer (or the message found in the conversation) is recorded

export type PromptOutboxEntry = {
  episodeId: string;
  /** Who the prompt is for, as given: a user id (their DM) or a channel id. */
  recipient: string;
  /** The conversation the prompt goes to (the DM's D… id for a user), where it is looked for. */
  channel: string;
  state: PromptOutboxState;
  ts: string | null;
  attempts: number;
  createdAt: Date;
  /** Doubles as the row's version for compare-and-set claims. */
  updatedAt: Date;
};

/** Slack message metadata naming the episode a prompt belongs to. */
export const PROMPT_EVENT_TYPE = 'podwarden_idle_prompt';

/** What a post answered: posted, proven not posted, or unknown (a timeout, a 5xx, a dropped connection). */
export type PostOutcome =
  | { kind: 'posted'; channel: string; ts: string }
  | { kind: 'not_sent'; reason: string }
  | { kind: 'unknown'; reason: string };
