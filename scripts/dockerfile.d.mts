// Types of scripts/dockerfile.mjs, for the tests that import it.
export type DockerfileInstruction = { keyword: string; line: number } & Record<string, unknown>;

export type DockerfileStage = {
  index: number;
  name: string | null;
  image: string;
  line: number;
  instructions: DockerfileInstruction[];
};

export type CommandPlan =
  | { kind: 'npm'; args: string[] }
  | { kind: 'mkdir'; paths: string[] }
  | { kind: 'skip'; reason: string }
  | { kind: 'unknown' };

export function splitWords(text: string): string[];
export function splitCommands(text: string): string[];
export function parseDockerfile(text: string): {
  globalArgs: DockerfileInstruction[];
  stages: DockerfileStage[];
};
export function createDockerignore(text: string): (relativePath: string) => boolean;
export function planCommand(command: string): CommandPlan;
export function missingFromNpmCache(
  lock: unknown,
  cacheDir: string,
  options?: { omitDev?: boolean },
): string[];
