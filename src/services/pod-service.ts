import type { DeployForm } from '../domain/deploy-plan.js';
import type { AppError } from '../domain/errors.js';
import type { DeployRequest } from '../domain/pod.js';
import type { PodListFilter } from '../domain/pod-list.js';
import type { PodRef } from '../domain/pod-ref.js';
import type { Result } from '../lib/result.js';
import { assignPod } from './pods/assign-pod.js';
import { claimPod, type OwnershipOutcome } from './pods/claim-pod.js';
import { createCatalogue, type DeployOptions, type DeployOutcome, deployPod } from './pods/deploy-pod.js';
import { listPods, type PodListView } from './pods/list-pods.js';
import { createDeployPlanner, type DeployPlanOutcome } from './pods/plan-deploy.js';
import { type PodHistoryView, podHistory } from './pods/pod-history.js';
import { type PodStatusView, podStatus } from './pods/pod-status.js';
import { type ResumeOutcome, resumePod } from './pods/resume-pod.js';
import { runGuarded } from './pods/run-guarded.js';
import { type StopOutcome, stopPod } from './pods/stop-pod.js';
import {
  type TerminateCandidate,
  type TerminateOutcome,
  terminateCandidate,
  terminatePod,
} from './pods/terminate-pod.js';
import type { ServiceDeps } from './ports.js';

export type { OwnershipOutcome } from './pods/claim-pod.js';
export type { DeployOptions, DeployOutcome } from './pods/deploy-pod.js';
export type { PodListView } from './pods/list-pods.js';
export type { DeployPlanOutcome } from './pods/plan-deploy.js';
export type { PodHistoryView } from './pods/pod-history.js';
export type { PodStatusView } from './pods/pod-status.js';
export type { ResumeOutcome } from './pods/resume-pod.js';
export type { StopOutcome } from './pods/stop-pod.js';
export type { TerminateCandidate, TerminateOutcome } from './pods/terminate-pod.js';

type Outcome<T> = Promise<Result<T, AppError>>;

/**
 * Pod control (PRODUCT.md §1–§2). Every method re-checks permission, audits every mutation
 * attempt, and returns expected failures as values; unexpected ones come back as a reference id.
 */
export type PodService = {
  list(actor: string, filter: PodListFilter): Outcome<PodListView>;
  status(actor: string, ref: PodRef): Outcome<PodStatusView>;
  stop(actor: string, ref: PodRef, reason: string | null): Outcome<StopOutcome>;
  resume(actor: string, ref: PodRef, gpuCount: number | null): Outcome<ResumeOutcome>;
  /** Checks existence and permission before the confirmation modal opens. */
  terminateCandidate(actor: string, ref: PodRef): Outcome<TerminateCandidate>;
  terminate(actor: string, ref: PodRef, typedName: string): Outcome<TerminateOutcome>;
  claim(actor: string, ref: PodRef): Outcome<OwnershipOutcome>;
  assign(actor: string, ref: PodRef, userId: string): Outcome<OwnershipOutcome>;
  history(ref: PodRef): Outcome<PodHistoryView>;
  deploy(actor: string, request: DeployRequest): Outcome<DeployOutcome>;
  /**
   * The deploy form checked against the catalogue: a request, or messages by field. `formId`
   * (the modal's view id) lets a plain-text-credential warning be passed by resubmitting.
   */
  planDeploy(form: DeployForm, formId: string | null): Outcome<DeployPlanOutcome>;
  deployOptions(): Outcome<DeployOptions>;
  /** The GPU catalogue when a fresh copy is at hand (no RunPod call), else null. */
  cachedDeployOptions(): DeployOptions | null;
};

export function createPodService(deps: ServiceDeps): PodService {
  const catalogue = createCatalogue(deps);
  const planner = createDeployPlanner(catalogue);
  const guard = <T>(operation: string, fields: Record<string, unknown>, work: () => Outcome<T>) =>
    runGuarded(deps.logger, operation, fields, work);

  return {
    list: (actor, filter) => guard('list', { user: actor }, () => listPods(deps, actor, filter)),
    status: (actor, ref) => guard('status', { user: actor, ref }, () => podStatus(deps, actor, ref)),
    stop: (actor, ref, reason) =>
      guard('stop', { user: actor, ref }, () => stopPod(deps, actor, ref, reason)),
    resume: (actor, ref, gpuCount) =>
      guard('resume', { user: actor, ref }, () => resumePod(deps, actor, ref, gpuCount)),
    terminateCandidate: (actor, ref) =>
      guard('terminate_candidate', { user: actor, ref }, () => terminateCandidate(deps, actor, ref)),
    terminate: (actor, ref, typedName) =>
      guard('terminate', { user: actor, ref }, () => terminatePod(deps, actor, ref, typedName)),
    claim: (actor, ref) => guard('claim', { user: actor, ref }, () => claimPod(deps, actor, ref)),
    assign: (actor, ref, userId) =>
      guard('assign', { user: actor, ref }, () => assignPod(deps, actor, ref, userId)),
    history: (ref) => guard('history', { ref }, () => podHistory(deps, ref)),
    deploy: (actor, request) =>
      guard('deploy', { user: actor }, () => deployPod(deps, catalogue, actor, request)),
    planDeploy: (form, formId) => guard('plan_deploy', {}, () => planner(form, formId)),
    deployOptions: () =>
      guard('deploy_options', {}, async () => ({ ok: true as const, value: await catalogue.options() })),
    cachedDeployOptions: () => catalogue.cachedOptions(),
  };
}
