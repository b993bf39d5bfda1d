import type { Settings } from '../domain/settings.js';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Everything the process needs, validated once at start. Secrets live only here. */
export type Config = {
  slack: {
    botToken: string;
    signingSecret: string | null;
    appToken: string | null;
    apiUrl: string;
  };
  runpod: {
    apiKey: string;
    api: 'graphql' | 'rest';
    graphqlUrl: string;
    restUrl: string;
  };
  port: number;
  /** GET /metrics: a bearer token it requires, and its own port instead of `port`. */
  metrics: { token: string | null; port: number | null };
  database: DatabaseTarget;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  settings: Settings;
};

/** Names of the variables whose values must never be printed. */
export const SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'RUNPOD_API_KEY',
  'METRICS_TOKEN',
] as const;
