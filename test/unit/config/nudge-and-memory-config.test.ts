import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';

const required = {
  SLACK_BOT_TOKEN: 'xoxb-secret-token',
  SLACK_SIGNING_SECRET: 'signing-secret',
  RUNPOD_API_KEY: 'rp-key',
};

describe('STOPPED_NUDGE_AFTER and MEMORY_WARN_PCT', () => {
  it('default to 7 days and 95 %', () => {
    const result = loadConfig(required, '/srv');
    expect(result.ok && result.config.settings).toMatchObject({
      stoppedNudgeAfterMs: 7 * 86_400_000,
      memoryWarnPct: 95,
    });
  });

  it('take a duration and a percentage', () => {
    const result = loadConfig({ ...required, STOPPED_NUDGE_AFTER: '36h', MEMORY_WARN_PCT: '90' }, '/srv');
    expect(result.ok && result.config.settings).toMatchObject({
      stoppedNudgeAfterMs: 36 * 3_600_000,
      memoryWarnPct: 90,
    });
  });

  it('name each variable at fault', () => {
    const result = loadConfig({ ...required, STOPPED_NUDGE_AFTER: 'a week', MEMORY_WARN_PCT: '120' }, '/srv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable).sort()).toEqual(['MEMORY_WARN_PCT', 'STOPPED_NUDGE_AFTER']);
  });
});
