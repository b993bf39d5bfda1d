/**
 * Runs the SQLite store in separate Node processes, so that openers really race on one file as
 * two podwarden processes would. The store's sources are transpiled to plain JS in a temp folder
 * (Node 20 cannot load TypeScript); the children wait for one "go" so they start together.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import ts from 'typescript';
import { z } from 'zod';

const ROOT = path.resolve(import.meta.dirname, '../../..');

const CHILD = `
import { openStore } from './store/open-store.js';
const silent = { debug() {}, info() {}, warn() {}, error() {}, child() { return silent; } };
const [file, name] = process.argv.slice(2);
process.stdout.write('ready\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
try {
  const store = await openStore({ kind: 'sqlite', path: file }, silent);
  const at = new Date('2026-11-02T10:00:00Z');
  const digest = await store.claimDigest('C_TEAM', '2026-11-02', at);
  const episode = await store.openEpisode({
    id: 'ep-' + name, podId: 'pod-a', podName: 'llama-ft', ownerId: null, audience: 'channel', state: 'open',
    action: 'ask-then-stop', idleSince: at, openedAt: at, reminderAt: at, remindedAt: null, deadlineAt: at,
    messages: [], evidence: '{}', costPerHr: 1, decidedBy: null, decidedAt: null, stopAttempts: 0, updatedAt: at,
  });
  await store.close();
  process.stdout.write(JSON.stringify({ ok: true, digest, episode: episode !== null }) + '\\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: String(error.message) }) + '\\n');
}
`;

export const ChildOutcome = z.union([
  z.object({ ok: z.literal(true), digest: z.boolean(), episode: z.boolean() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ChildOutcome = z.infer<typeof ChildOutcome>;

/** Writes the store (and the domain types and errors it imports) as JS into `dir`; returns the child script. */
export async function buildChildScript(dir: string): Promise<string> {
  for (const folder of ['store', 'domain']) await transpileFolder(folder, dir);
  await writeFile(path.join(dir, 'package.json'), '{"type":"module"}');
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const script = path.join(dir, 'child.js');
  await writeFile(script, CHILD);
  return script;
}

async function transpileFolder(folder: string, dir: string): Promise<void> {
  const out = path.join(dir, folder);
  await mkdir(out, { recursive: true });
  const sources = (await readdir(path.join(ROOT, 'src', folder))).filter((f) => f.endsWith('.ts'));
  for (const source of sources) {
    const text = await readFile(path.join(ROOT, 'src', folder, source), 'utf8');
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
        esModuleInterop: true,
      },
    });
    await writeFile(path.join(out, source.replace(/\.ts$/, '.js')), outputText);
  }
}

/** Starts `count` children on one database file, releases them together, returns what each saw. */
export async function raceChildren(script: string, file: string, count: number): Promise<ChildOutcome[]> {
  const children = Array.from({ length: count }, (_, i) => {
    const child = spawn(process.execPath, [script, file, String(i)], { cwd: path.dirname(script) });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const nextLine = async (): Promise<string> => {
      const line = await lines.next();
      if (line.done) throw new Error(`store child ${i} ended early: ${stderr.trim()}`);
      return String(line.value);
    };
    return { child, nextLine };
  });
  const ready = await Promise.all(children.map((c) => c.nextLine()));
  if (ready.some((line) => line !== 'ready')) throw new Error(`children not ready: ${ready.join(', ')}`);
  const outcomes = children.map((c) => c.nextLine());
  for (const { child } of children) child.stdin.write('go\n');
  return (await Promise.all(outcomes)).map((line) => ChildOutcome.parse(JSON.parse(line)));
}
