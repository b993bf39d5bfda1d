import type { AppError } from '../domain/errors.js';
import type { ConnectAnswer } from '../domain/pod-connect.js';
import type { PodRef } from '../domain/pod-ref.js';
import type { Result } from '../lib/result.js';
import { connectPod } from './pods/connect-pod.js';
import { type PodLogsAnswer, podLogs } from './pods/pod-logs.js';
import { runGuarded } from './pods/run-guarded.js';
import type { ServiceDeps } from './ports.js';

export type { PodLogsAnswer } from './pods/pod-logs.js';

type Outcome<T> = Promise<Result<T, AppError>>;

/** Getting into a pod from Slack: `/pod connect` (proxy URLs, SSH commands) and `/pod logs`. */
export function createAccessService(deps: ServiceDeps) {
  return {
    connect: (actor: string, ref: PodRef): Outcome<ConnectAnswer> =>
      runGuarded(deps.logger, 'connect', { user: actor, ref }, () => connectPod(deps, ref)),
    /** `/pod logs`: owner and admins; long logs go to the asker's DM as a file. */
    logs: (actor: string, ref: PodRef, lines: number | null): Outcome<PodLogsAnswer> =>
      runGuarded(deps.logger, 'logs', { user: actor, ref }, () => podLogs(deps, actor, ref, lines)),
  };
}
