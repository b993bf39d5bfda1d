import type { AutoresumeCancel } from '../../domain/autoresume.js';
import type { OutgoingMessage } from '../ports.js';

/** What the replies in an interruption notice's thread are about; slack/ renders them. */
export type AutoresumeReplyView = {
  podId: string;
  podName: string;
  /** Attempts made, this one included. */
  attempts: number;
  now: Date;
  timeZone: string;
};

export type AutoresumeMessages = {
  /** RunPod took the bid resume: the pod runs again. */
  resumed(view: AutoresumeReplyView & { bidPerGpu: number; gpuCount: number }): OutgoingMessage;
  /** An attempt failed (no free GPU, or RunPod not answering); the next one is due at `nextAt`. */
  retrying(
    view: AutoresumeReplyView & { noCapacity: boolean; detail: string; bidPerGpu: number; nextAt: Date },
  ): OutgoingMessage;
  /** AUTORESUME_GIVE_UP_AFTER has passed since the interruption. */
  gaveUp(view: AutoresumeReplyView & { giveUpAfterMs: number }): OutgoingMessage;
  /** Someone acted on the pod, turned autoresume off, or the pod is gone or running. */
  cancelled(view: AutoresumeReplyView & { reason: AutoresumeCancel; by: string | null }): OutgoingMessage;
  /** REST mode with RunPod's GraphQL API gone: no bid resume is possible. */
  unavailable(view: AutoresumeReplyView): OutgoingMessage;
  /** RunPod refused for another reason (a bad bid, the key): nothing more is tried. */
  failed(view: AutoresumeReplyView & { detail: string }): OutgoingMessage;
};
