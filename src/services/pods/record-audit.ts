import type { AuditAction, AuditOutcome } from '../../domain/audit.js';
import type { PodCandidate } from '../../domain/errors.js';
import type { ServiceDeps } from '../ports.js';

export type AuditInput = {
  actor: string;
  pod: PodCandidate;
  action: AuditAction;
  reason: string | null;
  outcome: AuditOutcome;
  /** RunPod's answer, or why podwarden refused. */
  detail: string | null;
};

/** Who did what to which pod: the part every audit entry of one lifecycle action shares. */
export type ActionAudit = Omit<AuditInput, 'outcome' | 'detail'>;

/**
 * Appends one audit entry. A broken audit write must not turn a pod that really stopped into a
 * reported failure, so it is logged loudly and the use case goes on.
 */
export async function recordAudit(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'logger'>,
  input: AuditInput,
): Promise<void> {
  try {
    await deps.store.appendAudit({
      at: deps.clock.now(),
      actor: input.actor,
      podId: input.pod.id,
      podName: input.pod.name,
      action: input.action,
      reason: input.reason,
      outcome: input.outcome,
      detail: input.detail,
      evidence: null,
    });
  } catch (error) {
    deps.logger.error(
      { err: error, pod: input.pod.id, action: input.action, outcome: input.outcome },
      'could not write the audit entry',
    );
  }
}
