import type { AppError } from '../domain/errors.js';
import type { Result } from '../lib/result.js';
import { runGuarded } from './pods/run-guarded.js';
import type { ServiceDeps } from './ports.js';
import {
  answerStoppedNudge,
  type StoppedAnswerInput,
  type StoppedAnswerOutcome,
} from './stopped/answer-stopped-nudge.js';
import { checkStoppedPods, type StoppedCheckReport } from './stopped/check-stopped-pods.js';
import type { StoppedMessages } from './stopped/stopped-messages.js';

export type { StoppedAnswerInput, StoppedAnswerOutcome } from './stopped/answer-stopped-nudge.js';
export type { StoppedCheckReport } from './stopped/check-stopped-pods.js';
export type * from './stopped/stopped-messages.js';

/**
 * Nobody forgets a stopped pod (STOPPED_NUDGE_AFTER): one nudge per stopped stretch to the owner,
 * Keep 30 days / Remind me in 7 days on it. Terminate… goes through the pod service's confirmation.
 */
export function createStoppedService(deps: ServiceDeps) {
  return {
    /** One pass after a poll; the stopped-pods job calls it every POLL_INTERVAL. */
    check: (messages: StoppedMessages): Promise<StoppedCheckReport> => checkStoppedPods(deps, messages),

    /** Keep 30 days / Remind me in 7 days. */
    answer: (
      input: StoppedAnswerInput,
      messages: StoppedMessages,
    ): Promise<Result<StoppedAnswerOutcome, AppError>> =>
      runGuarded(deps.logger, 'stopped_answer', { user: input.actor, pod: input.podId }, () =>
        answerStoppedNudge(deps, messages, input),
      ),
  };
}
