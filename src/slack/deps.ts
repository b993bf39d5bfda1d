import type { Settings } from '../domain/settings.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Services } from '../services/services.js';

/** What Slack handlers may use: services (never adapters), settings, a clock and a logger. */
export type SlackDeps = {
  services: Services;
  settings: Settings;
  clock: Clock;
  logger: Logger;
};
