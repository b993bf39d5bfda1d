import type { AppError } from '../domain/errors.js';
import type { PodRef } from '../domain/pod-ref.js';
import type { Result } from '../lib/result.js';
import type { AutoresumeMessages } from './autoresume/autoresume-messages.js';
import { type AutoresumeReport, runAutoresumes } from './autoresume/run-autoresumes.js';
import { type AutoresumeSetting, setAutoresume } from './autoresume/set-autoresume.js';
import { runGuarded } from './pods/run-guarded.js';
import type { ServiceDeps } from './ports.js';

export type * from './autoresume/autoresume-messages.js';
export type { AutoresumeReport } from './autoresume/run-autoresumes.js';
export type { AutoresumeSetting } from './autoresume/set-autoresume.js';

/**
 * Spot pods come back by themselves when their owner wants it: `/pod autoresume <pod> on|off`,
 * and after an interruption bid resumes with backoff until AUTORESUME_GIVE_UP_AFTER.
 */
export function createAutoresumeService(
  deps: ServiceDeps,
  commandGateway: ServiceDeps['gateway'] = deps.gateway,
) {
  return {
    set: (input: {
      actor: string;
      ref: PodRef;
      enabled: boolean;
    }): Promise<Result<AutoresumeSetting, AppError>> =>
      runGuarded(deps.logger, 'autoresume', { user: input.actor, pod: input.ref }, () =>
        setAutoresume({ ...deps, gateway: commandGateway }, input),
      ),

    /** One pass over the due attempts; the autoresume job calls it every POLL_INTERVAL. */
    runDue: (messages: AutoresumeMessages): Promise<AutoresumeReport> => runAutoresumes(deps, messages),
  };
}
