import { describe, expect, it } from 'vitest';
import { formatConfigProblems, loadConfig } from '../../../src/config/load-config.js';

const required = {
  SLACK_BOT_TOKEN: 'xoxb-secret-token',
  SLACK_SIGNING_SECRET: 'signing-secret',
  RUNPOD_API_KEY: 'rp-key',
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const result = loadConfig(required, '/srv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { config } = result;
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', path: '/srv/data/podwarden.db' });
    expect(config.runpod).toMatchObject({ api: 'rest', graphqlUrl: 'https://api.runpod.io/graphql' });
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.settings).toMatchObject({
      pollIntervalMs: 60_000,
      idleGpuUtil: 5,
      idleAfterMs: 30 * 60_000,
      idleWarmupMs: 10 * 60_000,
      idleGraceMs: 30 * 60_000,
      idleAction: 'ask-then-stop',
      idleMaxKeepMs: 24 * 3_600_000,
      hourlyRetentionMs: 400 * 86_400_000,
      digestTz: 'UTC',
      admins: [],
      members: null,
    });
  });

  it('lists every problem together, by variable name, without echoing values', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-secret-token',
      RUNPOD_API_KEY: '',
      POLL_INTERVAL: '0s',
      IDLE_AFTER: 'soon',
      POD_ADMINS: 'U01ADMIN, not-a-user',
      DIGEST_TZ: 'Mars/Olympus',
      IDLE_ACTION: 'nuke',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const variables = result.problems.map((p) => p.variable).sort();
    expect(variables).toEqual([
      'DIGEST_TZ',
      'IDLE_ACTION',
      'IDLE_AFTER',
      'POD_ADMINS',
      'POLL_INTERVAL',
      'RUNPOD_API_KEY',
    ]);
    const text = formatConfigProblems(result.problems);
    expect(text).toContain('RUNPOD_API_KEY is required');
    expect(text).not.toContain('xoxb-secret-token');
  });

  it('reads HOURLY_RETENTION as a duration of at least two days', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', RUNPOD_API_KEY: 'k' };
    const ninety = loadConfig({ ...base, HOURLY_RETENTION: '90d' });
    expect(ninety.ok && ninety.config.settings.hourlyRetentionMs).toBe(90 * 86_400_000);
    const short = loadConfig({ ...base, HOURLY_RETENTION: '12h' });
    expect(short.ok).toBe(false);
    if (short.ok) return;
    expect(short.problems).toEqual([{ variable: 'HOURLY_RETENTION', message: 'must be at least 172800s' }]);
  });

  it('needs the signing secret only in HTTP mode', () => {
    const http = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', RUNPOD_API_KEY: 'k' });
    expect(http.ok).toBe(false);
    if (!http.ok) expect(http.problems.map((p) => p.variable)).toEqual(['SLACK_SIGNING_SECRET']);
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', RUNPOD_API_KEY: 'k', SLACK_APP_TOKEN: 'xapp-1' });
    expect(socket.ok).toBe(true);
  });

  it.each([
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['1D', 86_400_000],
  ])('reads POLL_INTERVAL=%s', (value, ms) => {
    const result = loadConfig({ ...required, POLL_INTERVAL: value });
    expect(result.ok && result.config.settings.pollIntervalMs).toBe(ms);
  });

  it('reads postgres and absolute sqlite URLs', () => {
    const pg = loadConfig({ ...required, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(pg.ok && pg.config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
    });
    const file = loadConfig({ ...required, DATABASE_URL: 'file:/var/lib/podwarden/p.db' });
    expect(file.ok && file.config.database).toEqual({ kind: 'sqlite', path: '/var/lib/podwarden/p.db' });
    const bad = loadConfig({ ...required, DATABASE_URL: 'mysql://x' });
    expect(bad.ok).toBe(false);
  });
});
