/**
 * What Slack does with the answer to a view_submission: an empty body closes the view in front,
 * `response_action` `errors` keeps it open with messages under the inputs, `update` replaces it,
 * `push` stacks a new one (≤3), `clear` closes them all. Anything else is an error.
 */
import { z } from 'zod';
import { checkView } from './check-block-kit.js';
import {
  emitChange,
  openStack,
  recordDeliveryError,
  type StandInState,
  type StoredView,
} from './stand-in-state.js';
import { closeStack, popView, pushView, replaceView } from './view-methods.js';

const ViewObject = z.record(z.string(), z.unknown());

const SubmissionAnswer = z.union([
  z.object({ response_action: z.literal('errors'), errors: z.record(z.string(), z.string()) }),
  z.object({ response_action: z.literal('update'), view: ViewObject }),
  z.object({ response_action: z.literal('push'), view: ViewObject }),
  z.object({ response_action: z.literal('clear') }),
]);

function viewProblem(view: Record<string, unknown>): string | null {
  if (view.type !== 'modal') return 'a view_submission answer must carry a modal';
  const report = checkView(view);
  return report.errors.length > 0 ? report.errors.join('; ') : null;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    // Reported by the caller as an invalid answer.
    return undefined;
  }
}

export function applySubmissionAnswer(state: StandInState, body: string, stored: StoredView): void {
  const invalid = (detail: string) =>
    recordDeliveryError(state, {
      kind: 'invalid_response',
      payload: 'view_submission',
      user: stored.user,
      status: 200,
      detail,
    });
  const raw = body.trim();
  if (raw === '') {
    popView(state, stored);
    return;
  }
  const answer = SubmissionAnswer.safeParse(parseJson(raw));
  if (!answer.success) {
    invalid(raw);
    return;
  }
  const action = answer.data;
  if (action.response_action === 'errors') {
    stored.errors = action.errors;
    emitChange(state, { kind: 'view', user: stored.user });
    return;
  }
  if (action.response_action === 'clear') {
    closeStack(state, stored.user);
    return;
  }
  const problem = viewProblem(action.view);
  if (problem) invalid(problem);
  else if (action.response_action === 'update') replaceView(state, stored, action.view);
  else if (openStack(state, stored.user).length >= 3) invalid('push_limit_reached');
  else pushView(state, stored.user, action.view, false);
}
