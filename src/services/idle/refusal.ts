import type { AppError } from '../../domain/errors.js';
import type { Decision } from '../../domain/permissions.js';

/** The error value for a refused decision on a pod. */
export function refusalError(
  decision: Extract<Decision, { allowed: false }>,
  action: string,
  pod: { id: string; name: string },
  ownerId: string | null,
): AppError {
  switch (decision.refusal) {
    case 'read_only':
      return { kind: 'read_only', action };
    case 'admin_only':
      return { kind: 'admin_only', action };
    case 'not_owner':
    case 'unowned':
      return { kind: 'forbidden', action, pod: { id: pod.id, name: pod.name }, ownerId };
  }
}

/**
 * A keep or an answer that arrived while podwarden is stopping the pod (a deadline stop or
 * someone's Stop now): nothing was changed, and the user reads that the pod is being stopped.
 */
export function beingStoppedError(pod: { id: string; name: string }, action: string): AppError {
  return { kind: 'invalid_state', pod: { id: pod.id, name: pod.name }, status: 'STOPPING', action };
}
