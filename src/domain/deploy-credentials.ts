import { type EnvVar, referencesSecret } from './deploy-env.js';

/**
 * Values that look like a credential typed in plain text: they would sit readable in the pod's
 * settings and in RunPod's console, where a RunPod secret (`{{ RUNPOD_SECRET_name }}`) would not.
 * A heuristic: well-known token shapes, long random-looking strings, and secret-sounding names
 * (`*_TOKEN`, `*_KEY`, `*PASSWORD`, …) with a literal value.
 */
const TOKEN_SHAPES: readonly RegExp[] = [
  /^hf_[A-Za-z0-9]{20,}$/, // Hugging Face
  /^sk-[A-Za-z0-9_-]{20,}$/, // OpenAI, Anthropic (sk-ant-…), sk-proj-…
  /^(AKIA|ASIA)[A-Z0-9]{16}$/, // AWS access key id
  /^gh[pousr]_[A-Za-z0-9]{30,}$/, // GitHub
  /^github_pat_[A-Za-z0-9_]{30,}$/,
  /^glpat-[A-Za-z0-9_-]{20,}$/, // GitLab
  /^xox[abposr]-[A-Za-z0-9-]{10,}$/, // Slack
  /^rpa_[A-Za-z0-9]{20,}$/, // RunPod API key
];

const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_KEY|PRIVATE_KEY|_KEY$|^KEY$|CREDENTIALS?)/i;
/** Values that are settings, not secrets, even under a secret-sounding name. */
const HARMLESS = /^(|true|false|yes|no|on|off|none|null|0|1)$/i;

/** Bits of entropy per character (Shannon), over the characters of the string. */
function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A long unbroken run of mixed letters and digits with high entropy (an API key, a hex secret);
 * paths, URLs and model names (`meta-llama/Meta-Llama-3.1-70B-Instruct`) break into short words.
 */
function looksRandom(value: string): boolean {
  if (value.length < 24 || /^(\/|\.\/|~\/)/.test(value) || value.includes('://')) return false;
  return value.split(/[-_./+=:]/).some((run) => {
    if (run.length < 24) return false;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(run)).length;
    return classes >= 2 && entropyPerChar(run) >= 3.5;
  });
}

export function looksLikePlainCredential(variable: EnvVar): boolean {
  const value = variable.value.trim();
  if (referencesSecret(value)) return false;
  if (TOKEN_SHAPES.some((shape) => shape.test(value)) || looksRandom(value)) return true;
  if (!SECRET_NAME.test(variable.key) || HARMLESS.test(value)) return false;
  // A path to a key file is not the key.
  return !/^(\/|\.\/|~\/)/.test(value);
}

/** The keys (never the values) of the variables that look like plain-text credentials. */
export function plainCredentialKeys(vars: readonly EnvVar[]): string[] {
  return vars.filter(looksLikePlainCredential).map((v) => v.key);
}
