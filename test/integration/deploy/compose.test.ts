/**
 * deploy/compose.yaml: parses as YAML (merge keys as Compose reads them), and the services,
 * health checks, volume and variables match the app and the .env the README tells people to write.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, formatConfigProblems, loadConfig } from '../../../src/config/load-config.js';
import { FILE_SECRET_VARIABLES } from '../../../src/config/secret-files.js';

const root = path.resolve(import.meta.dirname, '../../..');
const composeText = readFileSync(path.join(root, 'deploy', 'compose.yaml'), 'utf8');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is walked by shape; the assertions check it
type Doc = Record<string, any>;

const readCompose = (text: string): Doc => parse(text, { merge: true }) as Doc;
const compose = readCompose(composeText);
const podwarden = compose.services.podwarden;
const postgres = compose.services.postgres;

/** The .env the README's install section shows (the first ```dotenv block). */
function readmeDotenv(): Record<string, string> {
  const block = /```dotenv\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README has no ```dotenv block');
  const env: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1] as string] = match[2] as string;
  }
  return env;
}

/** Compose's ${NAME}, ${NAME:?message} and ${NAME:-default} against a .env. */
function interpolate(value: string, dotenv: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    const found = dotenv[name];
    if (found !== undefined && found !== '') return found;
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}

describe('deploy/compose.yaml', () => {
  it('runs podwarden and Postgres 16 with its data on a named volume', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['podwarden', 'postgres']);
    expect(postgres.image).toMatch(/^postgres:16(\b|-)/);
    const [volume] = postgres.volumes as string[];
    const [name, target] = (volume ?? '').split(':');
    expect(target).toBe('/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toEqual([name]);
  });

  it('starts podwarden with an init, read-only, after Postgres is healthy', () => {
    expect(podwarden.init).toBe(true);
    expect(podwarden.read_only).toBe(true);
    expect(podwarden.tmpfs).toContain('/tmp');
    expect(podwarden.build.context).toBe('..');
    expect(podwarden.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('health-checks both: podwarden on /readyz at its PORT, Postgres with pg_isready', () => {
    const test: string[] = podwarden.healthcheck.test;
    expect(test[0]).toBe('CMD');
    expect(test.join(' ')).toContain(`http://127.0.0.1:${podwarden.environment.PORT}/readyz`);
    expect(podwarden.ports).toEqual([`3000:${podwarden.environment.PORT}`]);
    expect(postgres.healthcheck.test).toEqual(
      expect.arrayContaining(['CMD', 'pg_isready', '--username=podwarden', '--dbname=podwarden']),
    );
    // SIGTERM: podwarden is done within 5 s; Compose must not SIGKILL sooner.
    expect(Number.parseInt(podwarden.stop_grace_period, 10)).toBeGreaterThan(5);
  });

  it('takes its secrets from deploy/.env, written as the README shows, and the app accepts the result', () => {
    expect(podwarden.env_file).toEqual(['.env']);
    const dotenv = readmeDotenv();
    expect(Object.keys(dotenv)).toEqual(
      expect.arrayContaining([
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'RUNPOD_API_KEY',
        'POSTGRES_PASSWORD',
      ]),
    );
    const known = new Set([...CONFIG_VARIABLES, ...FILE_SECRET_VARIABLES.map((n) => `${n}_FILE`)]);
    for (const name of Object.keys(podwarden.environment)) expect(known.has(name), name).toBe(true);
    for (const name of Object.keys(dotenv).filter((n) => n !== 'POSTGRES_PASSWORD')) {
      expect(known.has(name), name).toBe(true);
    }

    const environment = Object.fromEntries(
      Object.entries(podwarden.environment as Record<string, string>).map(([k, v]) => [
        k,
        interpolate(v, dotenv),
      ]),
    );
    const result = loadConfig({ ...dotenv, ...environment }, '/app');
    if (!result.ok) throw new Error(formatConfigProblems(result.problems));
    expect(result.config.database).toEqual({
      kind: 'postgres',
      url: `postgres://podwarden:${dotenv.POSTGRES_PASSWORD}@postgres:5432/podwarden`,
    });
    expect(interpolate(postgres.environment.POSTGRES_PASSWORD, dotenv)).toBe(dotenv.POSTGRES_PASSWORD);
    expect(() => interpolate(postgres.environment.POSTGRES_PASSWORD, {})).toThrow(/POSTGRES_PASSWORD/);
    // Nothing secret is written in the file itself.
    expect(composeText).not.toMatch(/xoxb-|xapp-/);
  });

  it('offers a second replica, commented, that is the same service on another host port', () => {
    const lines = composeText.split('\n');
    const start = lines.findIndex((l) => l.startsWith('  # podwarden-2:'));
    expect(start).toBeGreaterThan(0);
    let end = start;
    while (lines[end + 1]?.startsWith('  #   ')) end += 1;
    const uncommented = [
      ...lines.slice(0, start),
      ...lines.slice(start, end + 1).map((l) => l.replace(/^ {2}# /, '  ')),
      ...lines.slice(end + 1),
    ].join('\n');
    const two = readCompose(uncommented).services;
    const { ports: ports1, ...rest1 } = two.podwarden;
    const { ports: ports2, ...rest2 } = two['podwarden-2'];
    expect(rest2).toEqual(rest1);
    expect(ports2).not.toEqual(ports1);
    expect(rest2.environment.DATABASE_URL).toContain('@postgres:5432/');
  });
});

describe('.github/dependabot.yml', () => {
  const config = parse(readFileSync(path.join(root, '.github', 'dependabot.yml'), 'utf8'));

  it('updates npm packages and the Dockerfile base image, weekly, from the repository root', () => {
    expect(config.version).toBe(2);
    const at = (ecosystem: string) =>
      (config.updates as Doc[]).find((u) => u['package-ecosystem'] === ecosystem);
    for (const ecosystem of ['npm', 'docker']) {
      expect(at(ecosystem)?.directory, ecosystem).toBe('/');
      expect(at(ecosystem)?.schedule.interval, ecosystem).toBe('weekly');
    }
    // Compose's Postgres image too, where compose.yaml lives; never to a new Postgres major.
    expect(at('docker-compose')?.directory).toBe('/deploy');
    expect(at('docker-compose')?.ignore).toContainEqual({
      'dependency-name': 'postgres',
      'update-types': ['version-update:semver-major'],
    });
  });
});
