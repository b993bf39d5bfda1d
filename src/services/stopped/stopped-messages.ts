import type { StoppedChoice } from '../../domain/stopped-nudge.js';
import type { OutgoingMessage } from '../ports.js';

/** A nudge about a long-stopped pod, as plain values; slack/blocks/stopped-nudge.ts draws it. */
export type StoppedNudgeView = {
  podId: string;
  podName: string;
  ownerId: string | null;
  /** `owner`: a DM to the owner; `channel`: the escalation channel, for an unowned pod. */
  audience: 'owner' | 'channel';
  since: Date;
  sinceExact: boolean;
  now: Date;
  volumeInGb: number;
  soFarUsd: number;
  perMonthUsd: number;
  /** True for a nudge after Keep 30 days / Remind me in 7 days. */
  again: boolean;
  timeZone: string;
};

/** The nudge after someone answered it. */
export type StoppedAnswerView = {
  podId: string;
  podName: string;
  actor: string;
  choice: StoppedChoice;
  until: Date;
  now: Date;
  timeZone: string;
};

/** How the stopped-pod messages look; the composition root passes slack/'s builders. */
export type StoppedMessages = {
  nudge(view: StoppedNudgeView): OutgoingMessage;
  answered(view: StoppedAnswerView): OutgoingMessage;
};
