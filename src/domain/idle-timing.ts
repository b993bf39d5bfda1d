import {
  type IdleRule,
  type IdleVerdict,
  type IdleVerdictInput,
  idleStretchStart,
  idleVerdict,
  isBusySample,
} from './idle-verdict.js';
import {
  BEFORE_QUIET_MS,
  type ComebackPolicy,
  type ComebackWait,
  comebackWait,
  MIN_SAMPLES_BEFORE,
  type QuietHistory,
} from './quiet-history.js';
import type { PodSample } from './samples.js';
import type { Settings } from './settings.js';
import { inWorkHours, ownerZone, type WorkHours } from './work-hours.js';

/**
 * How long a pod must be quiet before its owner is asked, and how long the owner then has, by the
 * owner's clock: inside their working hours a quiet pod is usually a person at lunch or in a
 * meeting (ask later), outside them it is usually a pod left behind (ask at once).
 */
export type IdleTimingPolicy = {
  /** Window before the prompt outside working hours (IDLE_AFTER). */
  windowMs: number;
  /** Grace from prompt to stop (IDLE_GRACE). */
  graceMs: number;
  /** null: no working hours, IDLE_AFTER applies at every hour. */
  workHours: WorkHours | null;
  /** Window before the prompt inside the owner's working hours. */
  workWindowMs: number;
  /** Grace outside the owner's working hours, when working hours are set. */
  offHoursGraceMs: number;
  /**
   * Percent of busy samples in the hour before the quiet stretch at or above which the pod was
   * running a steady job that has now ended: nobody is at lunch, working hours give no extra
   * patience. null: off.
   */
  steadyBusyPercent: number | null;
  /**
   * Percent of busy samples before the quiet stretch at or below which (but above zero) the pod
   * wakes up on its own now and then, like a server with stray requests: it gets the sporadic
   * window before a prompt. null: off.
   */
  sporadicBusyPercent: number | null;
  sporadicWindowMs: number;
  /** A pod that has come back on its own from quiet stretches again and again is asked later. */
  comeback: ComebackPolicy;
  /** Zone for owners whose own zone is unknown (DIGEST_TZ). */
  fallbackZone: string;
};

export const idleTimingPolicyFrom = (settings: Settings): IdleTimingPolicy => ({
  windowMs: settings.idleAfterMs,
  graceMs: settings.idleGraceMs,
  workHours: settings.idleWorkHours,
  workWindowMs: settings.idleAfterWorkHoursMs,
  offHoursGraceMs: settings.idleGraceOffHoursMs,
  steadyBusyPercent: settings.idleSteadyBusy,
  sporadicBusyPercent: settings.idleSporadicBusy,
  sporadicWindowMs: settings.idleAfterSporadicMs,
  comeback: { comebacksMin: settings.idleComebacks, afterComebackMs: settings.idleAfterComebackMs },
  fallbackZone: settings.digestTz,
});

export type IdleTiming = {
  /**
   * Which rule set the window: inside the owner's working hours; inside them but right after a
   * steady job (no extra patience); or outside them.
   */
  kind: 'work_hours' | 'after_job' | 'off_hours' | 'sporadic' | 'comeback';
  windowMs: number;
  graceMs: number;
  /** The zone the owner's clock was read in. */
  timeZone: string;
};

/** The window and grace that apply now, for an owner in `zone` (null or unknown: the fallback zone). */
export function idleTiming(policy: IdleTimingPolicy, now: Date, zone: string | null): IdleTiming {
  const timeZone = ownerZone(zone, policy.fallbackZone);
  const working = policy.workHours !== null && inWorkHours(now, timeZone, policy.workHours);
  return {
    kind: working ? 'work_hours' : 'off_hours',
    windowMs: working ? Math.max(policy.windowMs, policy.workWindowMs) : policy.windowMs,
    graceMs: working || policy.workHours === null ? policy.graceMs : policy.offHoursGraceMs,
    timeZone,
  };
}

/** How far back samples must reach for every window the policy may pick, plus two polls of slack. */
export const idleLookbackMs = (settings: Settings): number =>
  Math.max(settings.idleAfterMs, settings.idleAfterWorkHoursMs, settings.idleAfterSporadicMs) +
  2 * settings.pollIntervalMs;

export type IdleDecisionInput = Omit<IdleVerdictInput, 'rule'> & {
  rule: IdleRule;
  timing: IdleTimingPolicy;
  /** The owner's IANA zone from Slack; null when unowned or unknown. */
  ownerZone: string | null;
  /** The pod's quiet stretches over the last day, from the store; null when not read (unknown). */
  history?: QuietHistory | null;
};

export type IdleDecision = {
  verdict: IdleVerdict;
  timing: IdleTiming;
  /** Set when the pod comes back on its own: the prompt waits for `waitMs` of quiet. */
  comeback?: ComebackWait & { quietSince: Date };
};

/**
 * The idle verdict for a prompt, from the pod's recent samples and its context (the owner's zone):
 * the window is the one the owner's clock calls for. Pure: the same samples and context give the
 * same decision, wherever the samples come from.
 */
export function idleDecision(input: IdleDecisionInput): IdleDecision {
  const policy = input.timing;
  let timing = idleTiming(policy, input.now, input.ownerZone);
  const history = input.history ?? null;
  // The stored history reaches the hour before a stretch that outgrew the samples at hand.
  const share =
    history?.busyShareBefore != null
      ? history.busyShareBefore
      : busyShareBefore(input.samples, input.now, input.rule);
  const percent = share === null ? null : share * 100;
  if (
    percent !== null &&
    policy.sporadicBusyPercent !== null &&
    percent > 0 &&
    percent <= policy.sporadicBusyPercent
  ) {
    timing = { ...timing, kind: 'sporadic', windowMs: Math.max(timing.windowMs, policy.sporadicWindowMs) };
  } else if (
    timing.kind === 'work_hours' &&
    percent !== null &&
    policy.steadyBusyPercent !== null &&
    percent >= policy.steadyBusyPercent
  ) {
    timing = { ...timing, kind: 'after_job', windowMs: policy.windowMs };
  }
  const verdict = idleVerdict({ ...input, rule: { ...input.rule, windowMs: timing.windowMs } });
  // Only a pod that wakes now and then: a notebook's owner coming back from lunch says nothing
  // about the evening, when the same notebook is left for the night.
  const wait =
    history === null || timing.kind !== 'sporadic' ? null : comebackWait(history, input.now, policy.comeback);
  if (wait === null || history?.quietSince == null || !verdict.idle) return { verdict, timing };
  // The samples at hand cover the usual window; the history tells how long the pod has been quiet.
  const quietSince = new Date(Math.min(history.quietSince.getTime(), verdict.idleSince.getTime()));
  const comeback = { ...wait, quietSince };
  const held = input.now.getTime() - quietSince.getTime() < wait.waitMs;
  return {
    verdict: held ? { idle: false, reason: 'comes_back' } : { ...verdict, idleSince: quietSince },
    timing: { ...timing, kind: 'comeback' },
    comeback,
  };
}

/**
 * Share (0–1) of busy samples in the hour before the current quiet stretch, over the samples at
 * hand; null when there are too few (a pod just started, samples missing): unknown.
 */
export function busyShareBefore(samples: readonly PodSample[], now: Date, rule: IdleRule): number | null {
  const sorted = samples
    .filter((s) => s.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const quietFrom = idleStretchStart(sorted, rule).getTime();
  const before = sorted.filter(
    (s) =>
      s.at.getTime() < quietFrom && s.at.getTime() >= quietFrom - BEFORE_QUIET_MS && s.status === 'RUNNING',
  );
  if (before.length < MIN_SAMPLES_BEFORE) return null;
  return before.filter((s) => isBusySample(s, rule)).length / before.length;
}
