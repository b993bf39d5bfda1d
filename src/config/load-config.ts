import path from 'node:path';
import { z } from 'zod';
import { parseWorkClock, parseWorkDays } from '../domain/work-hours.js';
import { parseDuration } from '../lib/duration.js';
import { isValidTimeZone } from '../lib/time-zone.js';
import type { Config, DatabaseTarget } from './config.js';
import { type ReadSecretFile, resolveSecretFiles } from './secret-files.js';

export type ConfigProblem = { variable: string; message: string };
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

type Env = Record<string, string | undefined>;

const duration = (min: number, example: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `is not a duration like ${example} (units s, m, h, d)` });
      return z.NEVER;
    }
    if (ms < min) {
      ctx.addIssue({
        code: 'custom',
        message: min > 0 ? `must be at least ${min / 1000}s` : 'must not be negative',
      });
      return z.NEVER;
    }
    return ms;
  });

const userIds = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id.length > 0),
  )
  .pipe(
    z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be Slack user ids like U012ABCDEF, comma-separated')),
  );

const number = (min: number, max = Number.POSITIVE_INFINITY) =>
  z.coerce.number({ message: 'must be a number' }).min(min).max(max);

const url = z.url({ message: 'must be a URL' });

/** A percent, or `off`. */
const countOrOff = z.string().transform((text, ctx) => {
  if (text.toLowerCase() === 'off') return null;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    ctx.addIssue({ code: 'custom', message: 'must be a whole number from 1 to 1000, or off' });
    return z.NEVER;
  }
  return value;
});

const percentOrOff = z.string().transform((text, ctx) => {
  if (text.toLowerCase() === 'off') return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    ctx.addIssue({ code: 'custom', message: 'must be a percent from 0 to 100, or off' });
    return z.NEVER;
  }
  return value;
});

const workClock = z.string().transform((text, ctx) => {
  if (text.toLowerCase() === 'off') return null;
  const hours = parseWorkClock(text);
  if (!hours) {
    ctx.addIssue({ code: 'custom', message: 'must be local hours like 09:00-18:00, or off' });
    return z.NEVER;
  }
  return hours;
});

const workDays = z.string().transform((text, ctx) => {
  const days = parseWorkDays(text);
  if (!days) {
    ctx.addIssue({ code: 'custom', message: 'must be weekdays like mon-fri or sun-thu or mon,wed,fri' });
    return z.NEVER;
  }
  return days;
});

const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone like Europe/Berlin');

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: z.string({ message: 'is required (the bot token xoxb-…)' }),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', 'must be an app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: url.default('https://slack.com/api/'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  METRICS_TOKEN: z.string().optional(),
  METRICS_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(1).max(65535).optional(),
  RUNPOD_API_KEY: z.string({ message: 'is required (your RunPod API key)' }),
  RUNPOD_API: z.enum(['graphql', 'rest'], { message: 'must be graphql or rest' }).default('rest'),
  RUNPOD_GRAPHQL_URL: url.default('https://api.runpod.io/graphql'),
  RUNPOD_REST_URL: url.default('https://api.runpod.io/v2'),
  DATABASE_URL: z.string().default('file:./data/podwarden.db'),
  POD_ADMINS: userIds.default([]),
  POD_MEMBERS: userIds.optional(),
  POLL_INTERVAL: duration(1000, '60s').default(60_000),
  IDLE_GPU_UTIL: number(0, 100).default(5),
  IDLE_AFTER: duration(1000, '30m').default(30 * 60_000),
  IDLE_WARMUP: duration(0, '10m').default(10 * 60_000),
  IDLE_GRACE: duration(1000, '30m').default(30 * 60_000),
  IDLE_CPU_BUSY: percentOrOff.default(30),
  IDLE_WORK_HOURS: workClock.default({ fromMinute: 11 * 60 + 30, toMinute: 14 * 60 + 30 }),
  IDLE_WORK_DAYS: workDays.default([1, 2, 3, 4, 5]),
  IDLE_AFTER_WORK_HOURS: duration(1000, '90m').default(90 * 60_000),
  IDLE_GRACE_OFF_HOURS: duration(1000, '10m').default(10 * 60_000),
  IDLE_STEADY_BUSY: percentOrOff.default(80),
  IDLE_SPORADIC_BUSY: percentOrOff.default(10),
  IDLE_AFTER_SPORADIC: duration(1000, '90m').default(90 * 60_000),
  IDLE_COMEBACKS: countOrOff.default(3),
  IDLE_AFTER_COMEBACK: duration(1000, '150m').default(150 * 60_000),
  IDLE_ACTION: z
    .enum(['ask-then-stop', 'ask-only', 'dry-run', 'off'], {
      message: 'must be ask-then-stop, ask-only, dry-run or off',
    })
    .default('ask-then-stop'),
  IDLE_MAX_KEEP: duration(60_000, '24h').default(24 * 3_600_000),
  IDLE_CHANNEL: z
    .string()
    .regex(/^[CGD][A-Z0-9]+$/, 'must be a Slack channel id like C012ABCDEF')
    .optional(),
  DIGEST_TZ: timeZone.default('UTC'),
  BUDGET_PER_HOUR: number(0).optional(),
  RUNWAY_ALERT_DAYS: number(0).optional(),
  POD_DEPLOY_MAX_PER_HOUR: number(0).optional(),
  HOURLY_RETENTION: duration(2 * 86_400_000, '400d').default(400 * 86_400_000),
  STOPPED_NUDGE_AFTER: duration(60_000, '7d').default(7 * 86_400_000),
  AUTORESUME_GIVE_UP_AFTER: duration(60_000, '2h').default(2 * 3_600_000),
  MEMORY_WARN_PCT: number(1, 100).default(95),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every variable the configuration reads (a secret one may also come as NAME_FILE). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

function parseDatabaseUrl(value: string, cwd: string): DatabaseTarget | null {
  if (value.startsWith('file:')) {
    const file = value.slice('file:'.length);
    if (file.length === 0) return null;
    return { kind: 'sqlite', path: path.resolve(cwd, file) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', url: value };
  return null;
}

/**
 * Reads and validates the environment once. Empty values count as unset; secret variables may
 * come from `NAME_FILE` (see secret-files.ts). Every problem is reported, by variable name;
 * values are never echoed, so secrets cannot leak through errors.
 */
export function loadConfig(env: Env, cwd = process.cwd(), readFile?: ReadSecretFile): ConfigResult {
  const cleaned: Env = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const secrets = resolveSecretFiles(cleaned, cwd, readFile);
  const parsed = EnvSchema.safeParse(secrets.env);
  const problems: ConfigProblem[] = [...secrets.problems];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? '?');
      // A variable whose _FILE was refused is reported once, there.
      if (!problems.some((p) => p.variable === `${variable}_FILE`)) {
        problems.push({ variable, message: issue.message });
      }
    }
    return { ok: false, problems };
  }

  const e = parsed.data;
  const database = parseDatabaseUrl(e.DATABASE_URL, cwd);
  if (!database) {
    problems.push({
      variable: 'DATABASE_URL',
      message: 'must be file:<path> or postgres://user@host:port/db',
    });
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message: 'is required in HTTP mode (when SLACK_APP_TOKEN is unset)',
    });
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT === e.PORT) {
    problems.push({
      variable: 'METRICS_PORT',
      message: 'must differ from PORT (leave it unset to share PORT)',
    });
  }
  if (problems.length > 0 || !database) return { ok: false, problems };

  return {
    ok: true,
    config: {
      slack: {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET ?? null,
        appToken: e.SLACK_APP_TOKEN ?? null,
        apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      },
      runpod: {
        apiKey: e.RUNPOD_API_KEY,
        api: e.RUNPOD_API,
        graphqlUrl: e.RUNPOD_GRAPHQL_URL,
        restUrl: e.RUNPOD_REST_URL.replace(/\/+$/, ''),
      },
      port: e.PORT,
      metrics: { token: e.METRICS_TOKEN ?? null, port: e.METRICS_PORT ?? null },
      database,
      logLevel: e.LOG_LEVEL,
      settings: {
        admins: e.POD_ADMINS,
        members: e.POD_MEMBERS ?? null,
        pollIntervalMs: e.POLL_INTERVAL,
        idleGpuUtil: e.IDLE_GPU_UTIL,
        idleAfterMs: e.IDLE_AFTER,
        idleWarmupMs: e.IDLE_WARMUP,
        idleGraceMs: e.IDLE_GRACE,
        idleCpuBusy: e.IDLE_CPU_BUSY,
        idleWorkHours: e.IDLE_WORK_HOURS === null ? null : { ...e.IDLE_WORK_HOURS, days: e.IDLE_WORK_DAYS },
        idleAfterWorkHoursMs: e.IDLE_AFTER_WORK_HOURS,
        idleGraceOffHoursMs: e.IDLE_GRACE_OFF_HOURS,
        idleSteadyBusy: e.IDLE_STEADY_BUSY,
        idleSporadicBusy: e.IDLE_SPORADIC_BUSY,
        idleAfterSporadicMs: e.IDLE_AFTER_SPORADIC,
        idleComebacks: e.IDLE_COMEBACKS,
        idleAfterComebackMs: e.IDLE_AFTER_COMEBACK,
        idleAction: e.IDLE_ACTION,
        idleMaxKeepMs: e.IDLE_MAX_KEEP,
        idleChannel: e.IDLE_CHANNEL ?? null,
        digestTz: e.DIGEST_TZ,
        budgetPerHour: e.BUDGET_PER_HOUR ?? null,
        runwayAlertDays: e.RUNWAY_ALERT_DAYS ?? null,
        deployMaxPerHour: e.POD_DEPLOY_MAX_PER_HOUR ?? null,
        stoppedNudgeAfterMs: e.STOPPED_NUDGE_AFTER,
        autoresumeGiveUpAfterMs: e.AUTORESUME_GIVE_UP_AFTER,
        memoryWarnPct: e.MEMORY_WARN_PCT,
        reconcileBilling: e.RUNPOD_API === 'rest',
        hourlyRetentionMs: e.HOURLY_RETENTION,
      },
    },
  };
}

/** One line per problem, by variable name, for stderr. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `  ${p.variable} ${p.message}`);
  return `podwarden: invalid configuration\n${lines.join('\n')}`;
}
