import { NOTEBOOK_APPS } from './notebook-images.js';
import type { Pod } from './pod.js';

/**
 * Exposure check: a pod whose notebook server is reachable on a public HTTP port without a
 * password, and a pod whose environment holds credentials in plain text instead of RunPod secret
 * references (`{{ RUNPOD_SECRET_name }}`, resolved by RunPod when the container starts). Only
 * variable names ever leave this module, never values.
 */

/** `{{ RUNPOD_SECRET_hf_token }}`: RunPod fills it in from the account's secrets. */
const SECRET_REFERENCE = /^\s*\{\{\s*RUNPOD_SECRET_[A-Za-z0-9_.-]+\s*\}\}\s*$/;

/** Well-known token shapes: whatever the variable is called, such a value is a credential. */
const TOKEN_SHAPES: readonly RegExp[] = [
  /\bhf_[A-Za-z0-9]{20,}/, // Hugging Face
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/, // OpenAI, Anthropic
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack
  /\bgh[pousr]_[A-Za-z0-9]{20,}/, // GitHub
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/, // GitLab
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /\brpa_[A-Za-z0-9]{20,}/, // RunPod API key
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT
  /:\/\/[^/\s:@]+:[^/\s@]+@/, // a URL with user:password@
];

/** The last word of a name that says its value is secret: HF_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASSWORD. */
const SECRET_WORDS = new Set([
  'TOKEN',
  'KEY',
  'APIKEY',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASS',
  'CREDENTIAL',
  'CREDENTIALS',
]);

/** Names that end like secrets but hold public or harmless values. */
const NOT_SECRET_NAMES = /(^|_)PUBLIC_KEY$|^SSH_PUBLIC_KEY$|(^|_)KEY_(ID|NAME|PATH|FILE)$/i;

/** Values no one would call a credential: switches, numbers, a path. */
const HARMLESS_VALUE = /^(true|false|yes|no|on|off|none|null|\d+|\/[\w./-]*)$/i;

const wordsOf = (name: string): string[] =>
  name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);

function nameSaysSecret(name: string): boolean {
  if (NOT_SECRET_NAMES.test(name)) return false;
  const words = wordsOf(name);
  const last = words.at(-1) ?? '';
  if (SECRET_WORDS.has(last)) return true;
  // AWS_SECRET_ACCESS_KEY_ID is not a thing, but MY_SECRET_VALUE and DB_PASSWORD_PLAIN are.
  return words.some((w) => w === 'PASSWORD' || w === 'SECRET');
}

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

/**
 * True when the variable holds a credential in plain text: a well-known token shape (hf_…, sk-…,
 * AKIA…), a long random-looking run of letters and digits, or a name that says secret (…_TOKEN, …_KEY, …PASSWORD, …SECRET) with a literal value.
 * A RunPod secret reference, an empty value, an SSH public key and switch-like values are not.
 * Shared by the exposure check and any form that wants to warn before a credential is typed in.
 */
export function looksLikeCredential(name: string, value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || SECRET_REFERENCE.test(trimmed)) return false;
  if (trimmed.startsWith('ssh-') || trimmed.startsWith('ecdsa-sha2-')) return false;
  if (TOKEN_SHAPES.some((shape) => shape.test(trimmed)) || looksRandom(trimmed)) return true;
  if (!nameSaysSecret(name)) return false;
  return !HARMLESS_VALUE.test(trimmed) && trimmed.length >= 4;
}

/** True when the value is a RunPod secret reference rather than a literal. */
export const isSecretReference = (value: string): boolean => SECRET_REFERENCE.test(value);

export type OpenNotebook = {
  app: string;
  port: number;
  /** Setting any one of these would give it a password. */
  passwordEnv: readonly string[];
};

export type PodExposure = {
  podId: string;
  podName: string;
  /** False for a stopped pod: its ports open again when it is resumed. */
  running: boolean;
  /** Notebook servers on public HTTP ports with no password variable set. */
  openNotebooks: OpenNotebook[];
  /** Names of variables holding credentials in plain text (values are never kept here). */
  plainCredentials: string[];
};

/** `8888/http,22/tcp` → the HTTP ports: RunPod's proxy serves these to anyone with the URL. */
function publicHttpPorts(ports: string | null): Set<number> {
  const found = new Set<number>();
  for (const spec of (ports ?? '').split(',')) {
    const [port, kind] = spec.trim().split('/');
    if (kind?.toLowerCase() === 'http' && port && /^\d+$/.test(port)) found.add(Number(port));
  }
  return found;
}

/**
 * What the pod exposes, or null when nothing (or when RunPod did not report its environment:
 * without it neither rule can be judged).
 */
type ExposedFields = Pick<Pod, 'id' | 'name' | 'imageName' | 'ports' | 'env'> & Partial<Pick<Pod, 'status'>>;

export function podExposure(pod: ExposedFields): PodExposure | null {
  const env = pod.env;
  if (!env) return null;
  const image = pod.imageName ?? '';
  const http = publicHttpPorts(pod.ports);
  const openNotebooks: OpenNotebook[] = [];
  for (const entry of NOTEBOOK_APPS) {
    if (!http.has(entry.port) || !entry.images.some((re) => re.test(image))) continue;
    const guarded = entry.passwordEnv.some((name) => (env[name] ?? '').trim() !== '');
    if (!guarded) openNotebooks.push({ app: entry.app, port: entry.port, passwordEnv: entry.passwordEnv });
  }
  const plainCredentials = Object.entries(env)
    .filter(([name, value]) => looksLikeCredential(name, value))
    .map(([name]) => name)
    .sort();
  if (openNotebooks.length === 0 && plainCredentials.length === 0) return null;
  const running = pod.status === undefined || pod.status === 'RUNNING';
  return { podId: pod.id, podName: pod.name, running, openNotebooks, plainCredentials };
}

/** Every pod that exposes something, in the order given. */
export const exposedPods = (pods: readonly ExposedFields[]): PodExposure[] =>
  pods.flatMap((pod) => podExposure(pod) ?? []);
