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

  it('reads the additional idle signals: defaults, off, and each bad value by name', () => {
    const defaults = loadConfig(required, '/srv');
    if (!defaults.ok) throw new Error('defaults must load');
    expect(defaults.config.settings).toMatchObject({
      idleCpuBusy: 30,
      idleWorkHours: { fromMinute: 11 * 60 + 30, toMinute: 14 * 60 + 30, days: [1, 2, 3, 4, 5] },
      idleAfterWorkHoursMs: 90 * 60_000,
      idleGraceOffHoursMs: 10 * 60_000,
      idleSteadyBusy: 80,
      idleSporadicBusy: 10,
      idleAfterSporadicMs: 90 * 60_000,
      idleComebacks: 3,
      idleAfterComebackMs: 150 * 60_000,
    });
    const off = loadConfig(
      {
        ...required,
        IDLE_CPU_BUSY: 'off',
        IDLE_WORK_HOURS: 'OFF',
        IDLE_STEADY_BUSY: 'off',
        IDLE_SPORADIC_BUSY: 'off',
        IDLE_COMEBACKS: 'off',
        IDLE_WORK_DAYS: 'sun-thu',
      },
      '/srv',
    );
    if (!off.ok) throw new Error('off must load');
    expect(off.config.settings).toMatchObject({
      idleCpuBusy: null,
      idleWorkHours: null,
      idleSteadyBusy: null,
      idleSporadicBusy: null,
      idleComebacks: null,
    });
    const custom = loadConfig(
      { ...required, IDLE_WORK_HOURS: '09:00-18:00', IDLE_WORK_DAYS: 'sun-thu' },
      '/srv',
    );
    if (!custom.ok) throw new Error('custom hours must load');
    expect(custom.config.settings.idleWorkHours).toEqual({
      fromMinute: 540,
      toMinute: 1080,
      days: [0, 1, 2, 3, 4],
    });

    const bad = loadConfig({
      ...required,
      IDLE_CPU_BUSY: '120',
      IDLE_WORK_HOURS: '18:00-09:00',
      IDLE_WORK_DAYS: 'weekdays',
      IDLE_AFTER_WORK_HOURS: 'later',
      IDLE_GRACE_OFF_HOURS: '0s',
      IDLE_STEADY_BUSY: 'most',
      IDLE_SPORADIC_BUSY: '-1',
      IDLE_AFTER_SPORADIC: '1x',
      IDLE_COMEBACKS: '0',
      IDLE_AFTER_COMEBACK: 'soon',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.variable).sort()).toEqual([
      'IDLE_AFTER_COMEBACK',
      'IDLE_AFTER_SPORADIC',
      'IDLE_AFTER_WORK_HOURS',
      'IDLE_COMEBACKS',
      'IDLE_CPU_BUSY',
      'IDLE_GRACE_OFF_HOURS',
      'IDLE_SPORADIC_BUSY',
      'IDLE_STEADY_BUSY',
      'IDLE_WORK_DAYS',
      'IDLE_WORK_HOURS',
    ]);
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
