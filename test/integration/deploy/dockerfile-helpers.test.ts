import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDockerignore,
  type DockerfileStage,
  missingFromNpmCache,
  parseDockerfile,
  planCommand,
  splitCommands,
  splitWords,
} from '../../../scripts/dockerfile.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function instructions(stage: DockerfileStage | undefined, keyword: string) {
  return (stage?.instructions ?? []).filter((i) => i.keyword === keyword);
}

describe('the Dockerfile', () => {
  const { stages } = parseDockerfile(read('Dockerfile'));
  const [build, runtime] = stages;

  it('builds and runs on the current Node LTS slim image, pinned by digest, with the compilers better-sqlite3 needs', () => {
    const image = /^node:24-bookworm-slim@sha256:[0-9a-f]{64}$/;
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(build?.image).toMatch(image);
    expect(runtime?.image).toBe(build?.image);
    const buildRuns = instructions(build, 'RUN').map((i) => String(i.command));
    expect(buildRuns.join('\n')).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+/);
    expect(buildRuns).toContain('npm ci');
    // package.json still lets development and CI run on Node 20.19.
    expect(JSON.parse(read('package.json')).engines.node).toBe('>=20.19');
  });

  it('prunes dev dependencies and fonts in the build stage and copies node_modules and dist/, without reinstalling', () => {
    const buildSteps = instructions(build, 'RUN').flatMap((i) => splitCommands(String(i.command)));
    const at = (step: string) => buildSteps.indexOf(step);
    expect(at('npm run build')).toBeGreaterThan(at('npm ci'));
    expect(at('npm prune --omit=dev')).toBeGreaterThan(at('npm run build'));
    expect(at('node scripts/keep-chart-fonts.mjs')).toBeGreaterThan(at('npm prune --omit=dev'));
    const runs = instructions(runtime, 'RUN').map((i) => String(i.command));
    expect(runs.some((command) => command.includes('npm'))).toBe(false);
    const copies = instructions(runtime, 'COPY').map((i) => [i.flags, i.sources, i.destination]);
    expect(copies).toContainEqual([{ from: 'build' }, ['/app/node_modules'], './node_modules']);
    expect(copies).toContainEqual([{ from: 'build' }, ['/app/dist'], './dist']);
    expect(copies).toContainEqual([{}, ['package.json'], './']);
  });

  it('runs as the non-root node user with SQLite on a volume, port 3000 and a node-based health check', () => {
    const env = Object.fromEntries(
      instructions(runtime, 'ENV').flatMap((i) => i.pairs as [string, string][]),
    );
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      PORT: '3000',
      DATABASE_URL: 'file:/var/lib/podwarden/podwarden.db',
    });
    expect(instructions(runtime, 'USER').map((i) => i.value)).toEqual(['node']);
    expect(instructions(runtime, 'VOLUME').flatMap((i) => i.paths as string[])).toEqual([
      '/var/lib/podwarden',
    ]);
    expect(instructions(runtime, 'EXPOSE').flatMap((i) => i.ports as number[])).toEqual([3000]);
    const [health] = instructions(runtime, 'HEALTHCHECK');
    expect(health?.form).toBe('exec');
    const argv = (health?.argv ?? []) as string[];
    expect(argv[0]).toBe('node');
    expect(argv.join(' ')).toMatch(/process\.env\.PORT.*\/healthz/);
    expect(instructions(runtime, 'CMD').map((i) => i.argv)).toEqual([['node', 'dist/main.js']]);
  });
});

describe('the .dockerignore', () => {
  const isIgnored = createDockerignore(read('.dockerignore'));

  it('keeps secrets, local state and installed modules out of the build context', () => {
    for (const file of [
      '.git/config',
      'node_modules/zod/package.json',
      'dist/main.js',
      '.env',
      'data/podwarden.db',
    ]) {
      expect(isIgnored(file), file).toBe(true);
    }
    expect(isIgnored('src/store/podwarden.db')).toBe(true);
  });

  it('keeps everything the Dockerfile copies', () => {
    for (const file of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'src/main.ts',
    ]) {
      expect(isIgnored(file), file).toBe(false);
    }
  });

  it('follows Docker rules: last match wins, ! re-includes, ** spans folders', () => {
    const ignore = createDockerignore('# c\n/logs\n**/*.tmp\nsecret*\n!secret-ok.txt\n');
    expect(ignore('logs/a/b.txt')).toBe(true);
    expect(ignore('src/deep/x.tmp')).toBe(true);
    expect(ignore('x.tmp')).toBe(true);
    expect(ignore('secret.txt')).toBe(true);
    expect(ignore('secret-ok.txt')).toBe(false);
    expect(ignore('src/secret.txt')).toBe(false);
  });
});

describe('replaying RUN lines', () => {
  it('splits words with quotes and commands on &&, and refuses other shell operators', () => {
    expect(splitWords(`a "b c" 'd e' f\\ g`)).toEqual(['a', 'b c', 'd e', 'f g']);
    expect(splitCommands('mkdir -p /x && chown node:node "/x && y"')).toEqual([
      'mkdir -p /x',
      'chown node:node "/x && y"',
    ]);
    expect(() => splitCommands('npm ci || true')).toThrow(/cannot replay/);
    expect(() => splitCommands('echo $(id)')).toThrow(/cannot replay/);
  });

  it('runs npm steps against the local cache, skips image-only steps and refuses unknown ones', () => {
    expect(planCommand('npm ci --omit=dev')).toEqual({
      kind: 'npm',
      args: ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'],
    });
    expect(planCommand('npm run build')).toEqual({ kind: 'npm', args: ['run', 'build'] });
    expect(planCommand('npm cache clean --force')).toMatchObject({ kind: 'skip' });
    expect(planCommand('apt-get install -y g++')).toMatchObject({ kind: 'skip' });
    expect(planCommand('chown node:node /var/lib/podwarden')).toMatchObject({ kind: 'skip' });
    expect(planCommand('mkdir -p /var/lib/podwarden')).toEqual({
      kind: 'mkdir',
      paths: ['/var/lib/podwarden'],
    });
    expect(planCommand('node scripts/keep-chart-fonts.mjs')).toEqual({
      kind: 'node',
      args: ['scripts/keep-chart-fonts.mjs'],
    });
    expect(planCommand('node -e "process.exit(0)"')).toEqual({ kind: 'unknown' });
    expect(planCommand('curl -fsSL https://example.com/install.sh')).toEqual({ kind: 'unknown' });
  });
});

describe('missingFromNpmCache', () => {
  let cache: string | null = null;
  afterEach(() => {
    if (cache) rmSync(cache, { recursive: true, force: true });
    cache = null;
  });

  const integrityOf = (bytes: string) => `sha512-${Buffer.from(bytes.padEnd(64, '0')).toString('base64')}`;

  it('lists locked packages npm ci needs here whose tarballs the cache lacks', () => {
    cache = mkdtempSync(path.join(os.tmpdir(), 'podwarden-cache-'));
    const cachedHex = Buffer.from('cached'.padEnd(64, '0')).toString('hex');
    const dir = path.join(
      cache,
      '_cacache',
      'content-v2',
      'sha512',
      cachedHex.slice(0, 2),
      cachedHex.slice(2, 4),
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, cachedHex.slice(4)), '');
    const lock = {
      packages: {
        '': { dependencies: { a: '1', b: '1', native: '1' }, devDependencies: { devtool: '1' } },
        'node_modules/a': { integrity: integrityOf('cached') },
        'node_modules/b': { integrity: integrityOf('b'), optionalDependencies: { 'wasm-only': '1' } },
        'node_modules/native': { integrity: integrityOf('native'), optional: true, cpu: ['no-such-cpu'] },
        'node_modules/wasm-only': { integrity: integrityOf('w'), optional: true, cpu: ['wasm32'] },
        'node_modules/devtool': { integrity: integrityOf('d'), dev: true },
        'node_modules/unreachable': { integrity: integrityOf('u') },
      },
    };
    expect(missingFromNpmCache(lock, cache)).toEqual(['b', 'devtool']);
    expect(missingFromNpmCache(lock, cache, { omitDev: true })).toEqual(['b']);
  });
});
