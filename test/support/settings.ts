import type { Settings } from '../../src/domain/settings.js';

const MINUTE_MS = 60_000;

/**
 * Settings as an unconfigured podwarden runs them (the documented defaults of CONTRACT.md, with the
 * README's additional idle signals off:
 * no admins, POD_MEMBERS unset, RUNPOD_API=graphql), with a test's own values on top.
 */
export function testSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    admins: [],
    members: null,
    pollIntervalMs: MINUTE_MS,
    idleGpuUtil: 5,
    idleAfterMs: 30 * MINUTE_MS,
    idleWarmupMs: 10 * MINUTE_MS,
    idleGraceMs: 30 * MINUTE_MS,
    // The owner's-clock and activity signals are off here, so that a test sees IDLE_AFTER and
    // IDLE_GRACE alone; test/unit/domain/idle-timing.test.ts and the replay test them at their defaults.
    idleCpuBusy: null,
    idleWorkHours: null,
    idleAfterWorkHoursMs: 90 * MINUTE_MS,
    idleGraceOffHoursMs: 10 * MINUTE_MS,
    idleSteadyBusy: null,
    idleSporadicBusy: null,
    idleAfterSporadicMs: 90 * MINUTE_MS,
    idleComebacks: null,
    idleAfterComebackMs: 150 * MINUTE_MS,
    idleAction: 'ask-then-stop',
    idleMaxKeepMs: 24 * 60 * MINUTE_MS,
    idleChannel: null,
    digestTz: 'UTC',
    budgetPerHour: null,
    runwayAlertDays: null,
    deployMaxPerHour: null,
    stoppedNudgeAfterMs: 7 * 24 * 60 * MINUTE_MS,
    autoresumeGiveUpAfterMs: 2 * 60 * MINUTE_MS,
    memoryWarnPct: 95,
    reconcileBilling: false,
    hourlyRetentionMs: 400 * 24 * 60 * MINUTE_MS,
    ...overrides,
  };
}
