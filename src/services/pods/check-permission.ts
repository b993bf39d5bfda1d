import type { AuditAction } from '../../domain/audit.js';
import type { AppError } from '../../domain/errors.js';
import { decide, type PodAction, type Refusal } from '../../domain/permissions.js';
import type { Pod } from '../../domain/pod.js';
import type { ServiceDeps } from '../ports.js';
import { recordAudit } from './record-audit.js';

const REFUSAL_DETAIL: Record<Refusal, string> = {
  read_only: 'refused: read-only user',
  admin_only: 'refused: admins only',
  not_owner: 'refused: not the owner',
  unowned: 'refused: unowned pod, claim it first',
};

/** The error a refusal becomes: it names the owner when there is one. */
export function refusalError(refusal: Refusal, action: string, pod: Pod, ownerId: string | null): AppError {
  switch (refusal) {
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
 * Decides whether `actor` may do `action` on `pod`, auditing a refusal. Returns the error to
 * report, or null when allowed.
 */
export async function checkPermission(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'logger' | 'settings'>,
  input: {
    action: PodAction;
    auditAction: AuditAction;
    actor: string;
    pod: Pod;
    ownerId: string | null;
    reason: string | null;
  },
): Promise<AppError | null> {
  const decision = decide(input.action, input.actor, input.ownerId, deps.settings);
  if (decision.allowed) return null;
  await recordAudit(deps, {
    actor: input.actor,
    pod: { id: input.pod.id, name: input.pod.name },
    action: input.auditAction,
    reason: input.reason,
    outcome: 'refused',
    detail: REFUSAL_DETAIL[decision.refusal],
  });
  return refusalError(decision.refusal, input.auditAction, input.pod, input.ownerId);
}
