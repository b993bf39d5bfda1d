import type { PromptOutboxState } from './prompt-outbox.js';

/**
 * The outbox of escalations to IDLE_CHANNEL (ask-only, nobody answered by the deadline): one row
 * per episode, committed before the post, with the message as posted, so that a refused post is
 * posted in the channel later (once podwarden is invited back) and a post whose answer was lost is
 * looked for before it is ever posted again. States as in the prompt outbox.
 */
export type EscalationOutboxEntry = {
  episodeId: string;
  channel: string;
  /** The escalation as first rendered (text, blocks, thread), JSON. */
  message: string;
  state: PromptOutboxState;
  ts: string | null;
  attempts: number;
  createdAt: Date;
  /** Doubles as the row's version for compare-and-set claims. */
  updatedAt: Date;
};

/** Slack message metadata naming the episode an escalation belongs to. */
export const ESCALATION_EVENT_TYPE = 'podwarden_idle_escalation';
