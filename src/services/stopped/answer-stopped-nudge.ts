import type { AppError } from '../../domain/errors.js';
import { decide } from '../../domain/permissions.js';
import { STOPPED_CHOICE_MS, type StoppedChoice } from '../../domain/stopped-nudge.js';
import { err, ok, type Result } from '../../lib/result.js';
import { readerTimeZone } from '../idle/idle-context.js';
import { recordAudit } from '../pods/record-audit.js';
import type { OutgoingMessage, ServiceDeps } from '../ports.js';
import type { StoppedMessages } from './stopped-messages.js';

export type StoppedAnswerInput = { actor: string; podId: string; choice: StoppedChoice };

export type StoppedAnswerOutcome = { podId: string; podName: string; until: Date; message: OutgoingMessage };

const CHOICE_TEXT: Record<StoppedChoice, string> = {
  keep_30d: 'stopped-pod nudge: Keep 30 days',
  remind_7d: 'stopped-pod nudge: Remind me in 7 days',
};

/**
 * Keep 30 days / Remind me in 7 days on a stopped-pod nudge: the owner (any member for an unowned
 * pod, or an admin) moves the next nudge of this stretch that far out. Nothing changes in RunPod.
 * A pod that runs again or is gone has no stretch any more: the button is out of date.
 */
export async function answerStoppedNudge(
  deps: ServiceDeps,
  messages: StoppedMessages,
  input: StoppedAnswerInput,
): Promise<Result<StoppedAnswerOutcome, AppError>> {
  const ownerId = await deps.store.getOwner(input.podId);
  const decision = decide('idle_answer', input.actor, ownerId, deps.settings);
  if (!decision.allowed) {
    return err({
      kind: 'not_decidable',
      reason: decision.refusal === 'read_only' ? 'read_only' : 'not_owner',
    });
  }
  const now = deps.clock.now();
  const until = new Date(now.getTime() + STOPPED_CHOICE_MS[input.choice]);
  const stretch = await deps.store.snoozeStoppedNudge(input.podId, until, input.actor);
  if (!stretch) return err({ kind: 'not_decidable', reason: 'closed' });
  await recordAudit(deps, {
    actor: input.actor,
    pod: { id: stretch.podId, name: stretch.podName },
    action: 'keep',
    reason: CHOICE_TEXT[input.choice],
    outcome: 'ok',
    detail: `next nudge ${until.toISOString()}`,
  });
  const message = messages.answered({
    podId: stretch.podId,
    podName: stretch.podName,
    actor: input.actor,
    choice: input.choice,
    until,
    now,
    timeZone: await readerTimeZone(deps, input.actor),
  });
  return ok({ podId: stretch.podId, podName: stretch.podName, until, message });
}
