import type { AppError, PodCandidate } from '../../domain/errors.js';
import { decide } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../lib/result.js';
import { auditIdle, type IdleContext } from './idle-context.js';
import { endAnswerableEpisode, findPod } from './idle-lookups.js';
import { refusalError } from './refusal.js';

/** `/pod exempt|unexempt <pod>`, admins only: idle-stop off or on again for the pod. */
export async function setPodExempt(
  ctx: IdleContext,
  input: { actor: string; ref: string; exempt: boolean },
): Promise<Result<{ pod: PodCandidate; exempt: boolean }, AppError>> {
  const action = input.exempt ? 'exempt' : 'unexempt';
  const found = await findPod(ctx, input.ref);
  if (!found.ok) return found;
  const pod = found.value;
  const ownerId = await ctx.store.getOwner(pod.id);
  const decision = decide(action, input.actor, ownerId, ctx.settings);
  if (!decision.allowed) {
    await auditIdle(ctx, {
      actor: input.actor,
      podId: pod.id,
      podName: pod.name,
      action,
      outcome: 'refused',
      detail: decision.refusal,
    });
    return err(refusalError(decision, action, pod, ownerId));
  }
  await ctx.store.setExempt(pod.id, input.exempt, input.actor, ctx.clock.now());
  await auditIdle(ctx, {
    actor: input.actor,
    podId: pod.id,
    podName: pod.name,
    action,
    outcome: 'ok',
    detail: input.exempt ? 'idle-stop off for this pod' : 'idle-stop on again for this pod',
  });
  if (input.exempt) await endAnswerableEpisode(ctx, pod.id, { outcome: 'exempt', by: input.actor });
  return ok({ pod, exempt: input.exempt });
}
