import { formatConfigProblems, loadConfig } from '../config/load-config.js';
import type { Settings } from '../domain/settings.js';

/** Placeholders for the variables a configuration requires; a replay talks to neither Slack nor RunPod. */
const REQUIRED_PLACEHOLDERS = {
  SLACK_BOT_TOKEN: 'xoxb-replay',
  SLACK_SIGNING_SECRET: 'replay',
  RUNPOD_API_KEY: 'replay',
};

/**
 * podwarden's settings as `npm start` would have them with no idle variables set, read through
 * the real configuration loader so that the replay follows its defaults. `variables` overrides
 * some, by environment variable name (`{ IDLE_WARMUP: '45m' }`); invalid values throw.
 */
export function replaySettings(variables: Readonly<Record<string, string>> = {}): Settings {
  const loaded = loadConfig({ ...REQUIRED_PLACEHOLDERS, ...variables }, '/');
  if (!loaded.ok) throw new Error(formatConfigProblems(loaded.problems));
  return loaded.config.settings;
}
