import type { AppError, PodCandidate } from '../../domain/errors.js';
import { RunpodError } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import type { PodRef } from '../../domain/pod-ref.js';
import { err, ok, type Result } from '../../lib/result.js';
import { checkPermission } from '../pods/check-permission.js';
import { findPod } from '../pods/find-pod.js';
import { recordAudit } from '../pods/record-audit.js';
import type { ServiceDeps } from '../ports.js';

export type AutoresumeSetting = { pod: PodCandidate; enabled: boolean; status: Pod['status'] };

/** Spot facts from RunPod: GraphQL's podType (REST mode asks GraphQL), else what the pod says. */
export async function spotFacts(
  deps: Pick<ServiceDeps, 'gateway'>,
  pod: Pod,
): Promise<Pick<Pod, 'isSpot' | 'lowestBidPriceToResume'>> {
  if (!deps.gateway.getSpotFacts) return pod;
  return (await deps.gateway.getSpotFacts(pod.id)) ?? pod;
}

/**
 * `/pod autoresume <pod> on|off`, the owner or an admin: whether podwarden bid-resumes the spot
 * pod after RunPod interrupts it. Turning it on needs a spot pod, which REST mode can only tell
 * through GraphQL; turning it off always works.
 */
export async function setAutoresume(
  deps: ServiceDeps,
  input: { actor: string; ref: PodRef; enabled: boolean },
): Promise<Result<AutoresumeSetting, AppError>> {
  const found = await findPod(deps, input.ref);
  if (!found.ok) return found;
  const pod = found.value;
  const candidate = { id: pod.id, name: pod.name };
  const ownerId = await deps.store.getOwner(pod.id);
  const word = input.enabled ? 'on' : 'off';
  const refused = await checkPermission(deps, {
    action: 'autoresume',
    auditAction: 'autoresume',
    actor: input.actor,
    pod,
    ownerId,
    reason: null,
  });
  if (refused) return err(refused);

  if (input.enabled) {
    let facts: Pick<Pod, 'isSpot'>;
    try {
      facts = await spotFacts(deps, pod);
    } catch (error) {
      if (!(error instanceof RunpodError)) throw error;
      await recordAudit(deps, {
        actor: input.actor,
        pod: candidate,
        action: 'autoresume',
        reason: null,
        outcome: 'failed',
        detail: `${error.kind}: ${error.detail}`,
      });
      return err({ kind: error.kind, detail: error.detail });
    }
    if (!facts.isSpot) {
      await recordAudit(deps, {
        actor: input.actor,
        pod: candidate,
        action: 'autoresume',
        reason: null,
        outcome: 'refused',
        detail: 'refused: not a spot pod',
      });
      return err({ kind: 'not_spot', pod: candidate });
    }
  }

  await deps.store.setAutoresume(pod.id, input.enabled, input.actor, deps.clock.now());
  await recordAudit(deps, {
    actor: input.actor,
    pod: candidate,
    action: 'autoresume',
    reason: null,
    outcome: 'ok',
    detail: word,
  });
  return ok({ pod: candidate, enabled: input.enabled, status: pod.status });
}
