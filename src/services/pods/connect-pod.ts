import type { AppError } from '../../domain/errors.js';
import { type ConnectAnswer, connectAnswer, connectionFromPod } from '../../domain/pod-connect.js';
import { type PodRef, podRefText } from '../../domain/pod-ref.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { findPod } from './find-pod.js';

/**
 * `/pod connect`: finds the pod, then asks RunPod how to reach it (REST `GET /pods/{id}` with its
 * `ssh` block; over GraphQL the pod's ports and runtime mappings). A read: anyone may ask.
 */
export async function connectPod(deps: ServiceDeps, ref: PodRef): Promise<Result<ConnectAnswer, AppError>> {
  const found = await findPod(deps, ref);
  if (!found.ok) return found;
  const pod = found.value;
  const connection = deps.gateway.getPodConnection
    ? await deps.gateway.getPodConnection(pod.id)
    : connectionFromPod(pod);
  if (!connection) return err({ kind: 'pod_not_found', ref: podRefText(ref), suggestions: [] });
  return ok(connectAnswer(connection));
}
