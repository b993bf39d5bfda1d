import { createHash } from 'node:crypto';
import { type DeployForm, type FieldErrors, planDeploy as plan } from '../../domain/deploy-plan.js';
import type { AppError } from '../../domain/errors.js';
import type { DeployRequest } from '../../domain/pod.js';
import { ok, type Result } from '../../lib/result.js';
import type { Catalogue } from './deploy-pod.js';

/** Either a request ready for RunPod, or messages by field that keep the form open. */
export type DeployPlanOutcome = { request: DeployRequest } | { fieldErrors: FieldErrors };

const MAX_REMEMBERED = 500;

/**
 * Checks a deploy form against the catalogue (templates, volumes, CPU types, secrets). A value
 * that looks like a credential typed in plain text is refused once, by a message under the
 * environment field that names the variable (never its value); the same form submitted again
 * unchanged goes through. What was warned about is remembered per form (Slack's view id) as a
 * hash, in this process only: with several replicas a resubmit may be warned once more.
 */
export function createDeployPlanner(catalogue: Catalogue) {
  const warned = new Map<string, string>();
  const remember = (formId: string, fingerprint: string) => {
    warned.delete(formId);
    warned.set(formId, fingerprint);
    if (warned.size > MAX_REMEMBERED) {
      const oldest = warned.keys().next().value;
      if (oldest !== undefined) warned.delete(oldest);
    }
  };
  return async (form: DeployForm, formId: string | null): Promise<Result<DeployPlanOutcome, AppError>> => {
    // Slack gives a submission 3 s: the catalogue the form was built from, not a fresh read.
    // RunPod is asked again when the deploy runs (deployPod vets against a fresh catalogue).
    const options = catalogue.lastOptions() ?? (await catalogue.options());
    const planned = plan(form, options);
    if (!planned.ok) return ok({ fieldErrors: planned.error });
    const suspects = planned.value.plainCredentials;
    if (suspects.length === 0) return ok({ request: planned.value.request });
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(form.env.filter((v) => suspects.includes(v.key))))
      .digest('hex');
    if (formId !== null && warned.get(formId) === fingerprint) return ok({ request: planned.value.request });
    if (formId !== null) remember(formId, fingerprint);
    const names = suspects.join(', ');
    return ok({
      fieldErrors: {
        env: `${names} ${suspects.length === 1 ? 'looks' : 'look'} like a credential typed in plain text, readable in the pod's settings. Store it as a RunPod secret and write {{ RUNPOD_SECRET_name }} instead, or press Deploy again unchanged to keep it as it is.`,
      },
    });
  };
}
