import { looksLikeCredential } from './credential-exposure.js';
import type { EnvVar } from './deploy-env.js';

/**
 * The deploy form's warning and the exposure check judge a variable by one rule
 * (`looksLikeCredential`): a value typed in plain text sits readable in the pod's settings and in
 * RunPod's console, where a RunPod secret (`{{ RUNPOD_SECRET_name }}`) would not.
 */
export const looksLikePlainCredential = (variable: EnvVar): boolean =>
  looksLikeCredential(variable.key, variable.value);

/** The keys (never the values) of the variables that look like plain-text credentials. */
export function plainCredentialKeys(vars: readonly EnvVar[]): string[] {
  return vars.filter(looksLikePlainCredential).map((v) => v.key);
}
