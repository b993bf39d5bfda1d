import { RunpodError } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import type { ServiceDeps } from '../ports.js';

export type MutationOutcome =
  | {
      ok: true;
      /** The pod as re-read after the mutation: null when RunPod no longer knows it, undefined when the re-read failed. */
      after: Pod | null | undefined;
      /** RunPod reported an error, yet the pod reached the target state. */
      recoveredFrom: RunpodError | null;
    }
  | { ok: false; error: unknown };

/** Reads one pod back; undefined when RunPod cannot be asked right now. */
export async function rereadPod(
  deps: Pick<ServiceDeps, 'gateway' | 'logger'>,
  podId: string,
): Promise<Pod | null | undefined> {
  try {
    return await deps.gateway.getPod(podId);
  } catch (error) {
    deps.logger.warn({ pod: podId, err: error }, 'could not re-read the pod after a mutation');
    return undefined;
  }
}

/**
 * Sends a lifecycle mutation and reads the pod back. RunPod sometimes reports an error for a
 * mutation that happened (runpod-api.md §5): after an error the pod is re-read, and when it has
 * reached the target state the mutation counts as done.
 */
export async function runMutation(
  deps: Pick<ServiceDeps, 'gateway' | 'logger'>,
  podId: string,
  mutate: () => Promise<void>,
  reached: (pod: Pod | null) => boolean,
): Promise<MutationOutcome> {
  try {
    await mutate();
  } catch (error) {
    if (!(error instanceof RunpodError)) return { ok: false, error };
    const after = await rereadPod(deps, podId);
    if (after !== undefined && reached(after)) return { ok: true, after, recoveredFrom: error };
    return { ok: false, error };
  }
  return { ok: true, after: await rereadPod(deps, podId), recoveredFrom: null };
}

/** What the audit log records as RunPod's answer to a failed mutation. */
export const describeFailure = (error: unknown): string =>
  error instanceof RunpodError ? `${error.kind}: ${error.detail}` : 'unexpected error (see logs)';
