import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigProblem } from './load-config.js';

type Env = Record<string, string | undefined>;

/** Reads a secret file's whole content; the default reads from disk. */
export type ReadSecretFile = (file: string) => string;

/**
 * The variables that may hold a secret. Each also accepts `NAME_FILE`: a path (relative to the
 * working directory) whose content is the value, as Docker and Kubernetes secrets are mounted.
 */
export const FILE_SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'RUNPOD_API_KEY',
  'METRICS_TOKEN',
  'DATABASE_URL',
] as const;

const readFromDisk: ReadSecretFile = (file) => readFileSync(file, 'utf8');

/**
 * A pre-pass over the (already cleaned: no empty values) environment: every `NAME_FILE` of a
 * secret variable is replaced by `NAME` with the file's content, trimmed. Setting both, or naming
 * a file that cannot be read, is a problem named by variable; neither the value nor the file's
 * content is ever echoed.
 */
export function resolveSecretFiles(
  env: Env,
  cwd: string,
  readFile: ReadSecretFile = readFromDisk,
): { env: Env; problems: ConfigProblem[] } {
  const resolved: Env = { ...env };
  const problems: ConfigProblem[] = [];
  for (const name of FILE_SECRET_VARIABLES) {
    const fileVariable = `${name}_FILE`;
    const file = env[fileVariable];
    delete resolved[fileVariable];
    if (file === undefined) continue;
    if (env[name] !== undefined) {
      problems.push({ variable: fileVariable, message: `and ${name} are both set; set only one` });
      continue;
    }
    let content: string;
    try {
      content = readFile(path.resolve(cwd, file));
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      problems.push({
        variable: fileVariable,
        message: `names a file that cannot be read${typeof code === 'string' ? ` (${code})` : ''}`,
      });
      continue;
    }
    const value = content.trim();
    if (value === '') problems.push({ variable: fileVariable, message: 'names an empty file' });
    else resolved[name] = value;
  }
  return { env: resolved, problems };
}
