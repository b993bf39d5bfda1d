import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';

const required = {
  SLACK_BOT_TOKEN: 'xoxb-secret-token',
  SLACK_SIGNING_SECRET: 'signing-secret',
  RUNPOD_API_KEY: 'rp-key',
};

describe('AUTORESUME_GIVE_UP_AFTER', () => {
  it('defaults to 2 hours and takes a duration of at least a minute', () => {
    const defaults = loadConfig(required, '/srv');
    expect(defaults.ok && defaults.config.settings.autoresumeGiveUpAfterMs).toBe(2 * 3_600_000);
    const set = loadConfig({ ...required, AUTORESUME_GIVE_UP_AFTER: '6h30m' }, '/srv');
    expect(set.ok && set.config.settings.autoresumeGiveUpAfterMs).toBe(6.5 * 3_600_000);
  });

  it('names the variable when it is not a duration or too short', () => {
    for (const value of ['two hours', '30s']) {
      const result = loadConfig({ ...required, AUTORESUME_GIVE_UP_AFTER: value }, '/srv');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => p.variable)).toEqual(['AUTORESUME_GIVE_UP_AFTER']);
    }
  });
});
