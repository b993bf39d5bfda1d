import { err, ok, type Result } from '../lib/result.js';

/** One environment variable of a pod; the value may reference a RunPod secret. */
export type EnvVar = { key: string; value: string };

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_VARS = 100;
const MAX_VALUE = 4096;

/** RunPod resolves `{{ RUNPOD_SECRET_name }}` in a pod's environment to the secret's value. */
const SECRET_REFERENCE = /\{\{\s*RUNPOD_SECRET_([A-Za-z0-9_.-]+)\s*\}\}/g;

export const secretReference = (name: string): string => `{{ RUNPOD_SECRET_${name} }}`;

/**
 * `KEY=value` lines; blank lines and lines starting with `#` are skipped. Messages name the line
 * and the key, never the value: it may be a credential.
 */
export function parseEnv(text: string): Result<EnvVar[], string> {
  const vars: EnvVar[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    const where = `Line ${index + 1}`;
    if (at <= 0) return err(`${where}: write KEY=value.`);
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (!KEY.test(key)) {
      return err(`${where}: a name has letters, digits and underscores, and does not start with a digit.`);
    }
    if (seen.has(key)) return err(`${where}: ${key} is set twice.`);
    if (value.length > MAX_VALUE)
      return err(`${where}: the value of ${key} is over ${MAX_VALUE} characters.`);
    seen.add(key);
    vars.push({ key, value });
  }
  if (vars.length > MAX_VARS) return err(`At most ${MAX_VARS} variables.`);
  return ok(vars);
}

/** The secret names a set of variables references, in order of appearance. */
export function secretNamesReferenced(vars: readonly EnvVar[]): string[] {
  const names = vars.flatMap((v) => [...v.value.matchAll(SECRET_REFERENCE)].map((m) => m[1] ?? ''));
  return [...new Set(names.filter((name) => name !== ''))];
}

export const referencesSecret = (value: string): boolean => new RegExp(SECRET_REFERENCE.source).test(value);

/** Later variables win over earlier ones with the same key (a template's, then the form's). */
export function mergeEnv(base: readonly EnvVar[], over: readonly EnvVar[]): EnvVar[] {
  const keys = new Set(over.map((v) => v.key));
  return [...base.filter((v) => !keys.has(v.key)), ...over];
}
