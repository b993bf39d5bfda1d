import { pino } from 'pino';

/** Paths pino replaces with [redacted]: tokens, keys and signatures never reach the logs. */
export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'apiKey',
  'signingSecret',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.apiKey',
  '*.signingSecret',
  'headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers.authorization',
  'config.slack',
  'config.runpod.apiKey',
  // A pod's environment may hold credentials (the exposure check shows names only).
  'env',
  '*.env',
  'pods[*].env',
];

export function createRootLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    { level, base: { app: 'podwarden' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination,
  );
}
