import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigProblems, loadConfig } from '../../../src/config/load-config.js';
import { FILE_SECRET_VARIABLES } from '../../../src/config/secret-files.js';

const required = {
  SLACK_BOT_TOKEN: 'xoxb-secret-token',
  SLACK_SIGNING_SECRET: 'signing-secret',
  RUNPOD_API_KEY: 'rp-key',
};

function secretsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'podwarden-secrets-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

describe('secrets from NAME_FILE', () => {
  it('reads every secret variable from its file, trimming the trailing newline', () => {
    const dir = secretsDir({
      bot: 'xoxb-from-file\n',
      signing: 'signing-from-file\n',
      app: 'xapp-from-file\n',
      runpod: 'rp-from-file\n',
      metrics: 'scrape-token\n',
      db: 'postgres://podwarden:s3cret@db:5432/podwarden\n',
    });
    const result = loadConfig(
      {
        SLACK_BOT_TOKEN_FILE: path.join(dir, 'bot'),
        SLACK_SIGNING_SECRET_FILE: path.join(dir, 'signing'),
        SLACK_APP_TOKEN_FILE: path.join(dir, 'app'),
        RUNPOD_API_KEY_FILE: path.join(dir, 'runpod'),
        METRICS_TOKEN_FILE: path.join(dir, 'metrics'),
        DATABASE_URL_FILE: 'db', // relative to the working directory
      },
      dir,
    );
    if (!result.ok) throw new Error(formatConfigProblems(result.problems));
    expect(result.config.slack).toMatchObject({
      botToken: 'xoxb-from-file',
      signingSecret: 'signing-from-file',
      appToken: 'xapp-from-file',
    });
    expect(result.config.runpod.apiKey).toBe('rp-from-file');
    expect(result.config.metrics.token).toBe('scrape-token');
    expect(result.config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://podwarden:s3cret@db:5432/podwarden',
    });
  });

  it('covers exactly the secrets the contract names', () => {
    expect([...FILE_SECRET_VARIABLES].sort()).toEqual(
      [
        'DATABASE_URL',
        'METRICS_TOKEN',
        'RUNPOD_API_KEY',
        'SLACK_APP_TOKEN',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
      ].sort(),
    );
  });

  it('refuses a variable set both ways, naming it, without echoing either value', () => {
    const dir = secretsDir({ runpod: 'rp-from-file' });
    const result = loadConfig({ ...required, RUNPOD_API_KEY_FILE: path.join(dir, 'runpod') }, dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { variable: 'RUNPOD_API_KEY_FILE', message: 'and RUNPOD_API_KEY are both set; set only one' },
    ]);
    const text = formatConfigProblems(result.problems);
    expect(text).not.toContain('rp-key');
    expect(text).not.toContain('rp-from-file');
  });

  it('names a missing or empty file once, and does not also call the variable missing', () => {
    const dir = secretsDir({ empty: '\n' });
    const result = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-x',
        SLACK_SIGNING_SECRET: 'signing',
        RUNPOD_API_KEY_FILE: 'absent',
        METRICS_TOKEN_FILE: 'empty',
      },
      dir,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { variable: 'RUNPOD_API_KEY_FILE', message: 'names a file that cannot be read (ENOENT)' },
      { variable: 'METRICS_TOKEN_FILE', message: 'names an empty file' },
    ]);
  });

  it('treats an empty NAME_FILE as unset, like every empty variable', () => {
    const result = loadConfig({ ...required, RUNPOD_API_KEY_FILE: '  ' });
    expect(result.ok && result.config.runpod.apiKey).toBe('rp-key');
  });
});

describe('METRICS_TOKEN and METRICS_PORT', () => {
  it('are unset by default: /metrics open on PORT', () => {
    const result = loadConfig(required);
    expect(result.ok && result.config.metrics).toEqual({ token: null, port: null });
  });

  it('reads a token and a port of its own', () => {
    const result = loadConfig({ ...required, METRICS_TOKEN: 'scrape', METRICS_PORT: '9100' });
    expect(result.ok && result.config.metrics).toEqual({ token: 'scrape', port: 9100 });
  });

  it('refuses a port that is not one, or that is PORT itself', () => {
    const bad = loadConfig({ ...required, METRICS_PORT: 'ninety' });
    expect(!bad.ok && bad.problems.map((p) => p.variable)).toEqual(['METRICS_PORT']);
    const same = loadConfig({ ...required, PORT: '3000', METRICS_PORT: '3000' });
    expect(!same.ok && same.problems).toEqual([
      { variable: 'METRICS_PORT', message: 'must differ from PORT (leave it unset to share PORT)' },
    ]);
  });
});
