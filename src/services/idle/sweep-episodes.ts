import { PODWARDEN_ACTOR } from '../../domain/audit.js';
import { isAnswerableState, WAITING_EPISODE_STATES } from '../../domain/episode-transition.js';
import { deadlinePassed, reminderDue, stopRetryDue } from '../../domain/idle-deadline.js';
import type { IdleEpisode, Keep } from '../../domain/idle-episode.js';
import { buildIdleEvidence, type IdleEvidence } from '../../domain/idle-evidence.js';
import { idleDecision, idleTimingPolicyFrom } from '../../domain/idle-timing.js';
import {
  deadlineVerdict,
  type IdleRule,
  type IdleVerdict,
  idleRuleFrom,
  idleVerdict,
  isBusySample,
} from '../../domain/idle-verdict.js';
import { keepHolds } from '../../domain/keep-until.js';
import type { Pod } from '../../domain/pod.js';
import type { PodSample, PodSeen } from '../../domain/samples.js';
import { describeWorkHours } from '../../domain/work-hours.js';
import { breather } from '../../lib/breather.js';
import { dryRunEpisode, escalateEpisode } from './deadline-actions.js';
import { endEpisode } from './end-episode.js';
import { episodeEvidence } from './episode-evidence.js';
import { settleEscalation } from './escalation-outbox.js';
import { podStateIsFresh } from './fresh-pod-state.js';
import { episodeTimeZone, type IdleContext, postInThreads, readerTimeZone } from './idle-context.js';
import { openEpisode, promptAudience } from './open-episode.js';
import { promptMayBeOut, settlePrompts } from './prompt-outbox.js';
import type { QuietHistories } from './quiet-histories.js';
import { settleStop } from './settle-stops.js';
import { stopEpisode } from './stop-episode.js';

/** A claim older than this without an outcome belongs to a process that died mid-stop. */
export const STALE_STOP_MS = 10 * 60_000;

export type SweepInput = {
  pods: readonly Pod[];
  /** Recent samples per pod, this poll's included. */
  samplesByPod: ReadonlyMap<string, PodSample[]>;
  /** This poll's sample per pod. */
  latestByPod: ReadonlyMap<string, PodSample>;
  seen: ReadonlyMap<string, PodSeen>;
  owners: ReadonlyMap<string, string>;
  exempt: ReadonlySet<string>;
  /** Keeps in force at the start of the poll, by pod (read once per poll). */
  keeps: ReadonlyMap<string, Keep>;
  active: readonly IdleEpisode[];
  /** Each quiet pod's comebacks from quiet stretches, read from the store. */
  histories: QuietHistories;
  /** The newest episode of each pod, any state. */
  newestEpisode: ReadonlyMap<string, IdleEpisode>;
};

export type SweepCounts = {
  prompts: number;
  reminders: number;
  stops: number;
  failedStops: number;
  ended: number;
  escalations: number;
  dryRuns: number;
};

type Sweep = { ctx: IdleContext; input: SweepInput; rule: IdleRule; now: Date; counts: SweepCounts };

/**
 * One pass of the idle flow after a poll: active episodes get their reminder, deadline, or end;
 * idle pods without one get a prompt. Every step is a compare-and-set, so replicas may run it too.
 */
export async function sweepEpisodes(ctx: IdleContext, input: SweepInput): Promise<SweepCounts> {
  const sweep: Sweep = {
    ctx,
    input,
    rule: idleRuleFrom(ctx.settings),
    now: ctx.clock.now(),
    counts: { prompts: 0, reminders: 0, stops: 0, failedStops: 0, ended: 0, escalations: 0, dryRuns: 0 },
  };
  const podsById = new Map(input.pods.map((pod) => [pod.id, pod]));
  const withEpisode = new Set<string>();
  // Thousands of pods and episodes are worked through in slices, the event loop free in between.
  const breathe = breather();
  const active = await settlePrompts(ctx, input.active);
  for (const episode of active) {
    await breathe();
    withEpisode.add(episode.podId);
    await isolated(sweep, episode.podId, () =>
      sweepActive(sweep, episode, podsById.get(episode.podId) ?? null),
    );
  }
  for (const episode of input.newestEpisode.values()) {
    if (withEpisode.has(episode.podId)) continue;
    if ((WAITING_EPISODE_STATES as readonly string[]).includes(episode.state)) {
      await breathe();
      withEpisode.add(episode.podId);
      await isolated(sweep, episode.podId, () =>
        sweepWaiting(sweep, episode, podsById.get(episode.podId) ?? null),
      );
    }
  }
  const quiet = new Set<string>();
  for (const pod of input.pods) {
    await breathe();
    if (pod.status !== 'RUNNING' || withEpisode.has(pod.id)) continue;
    quiet.add(pod.id);
    await isolated(sweep, pod.id, () => sweepQuiet(sweep, pod));
  }
  // Histories of pods that were stopped, terminated or prompted are read anew when they are next quiet.
  input.histories.retain(quiet);
  return sweep.counts;
}

/**
 * One pod's trouble (a Slack error, a bad profile) is logged and retried next poll; it never
 * keeps the sweep from reaching the other pods.
 */
async function isolated(sweep: Sweep, podId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    sweep.ctx.logger.error(
      { pod: podId, err: error },
      'idle flow failed for one pod; trying again next poll',
    );
  }
}

function verdictFor(sweep: Sweep, pod: Pod): IdleVerdict {
  return idleVerdict({
    samples: sweep.input.samplesByPod.get(pod.id) ?? [],
    now: sweep.now,
    runningSince: sweep.input.seen.get(pod.id)?.runningSince ?? null,
    rule: sweep.rule,
  });
}

function deadlineVerdictFor(sweep: Sweep, pod: Pod): IdleVerdict {
  return deadlineVerdict({
    samples: sweep.input.samplesByPod.get(pod.id) ?? [],
    now: sweep.now,
    runningSince: sweep.input.seen.get(pod.id)?.runningSince ?? null,
    rule: sweep.rule,
  });
}

function evidenceOf(sweep: Sweep, verdict: IdleVerdict): IdleEvidence | null {
  if (!verdict.idle) return null;
  return buildIdleEvidence({ ...verdict, now: sweep.now, rule: sweep.rule });
}

const busyNow = (sweep: Sweep, pod: Pod): boolean => {
  const sample = sweep.input.latestByPod.get(pod.id);
  return sample !== undefined && isBusySample(sample, sweep.rule);
};

/** A running pod without an episode: open one when it has turned idle and nothing holds it. */
async function sweepQuiet(sweep: Sweep, pod: Pod): Promise<void> {
  const { ctx, input } = sweep;
  if (ctx.settings.idleAction === 'off' || input.exempt.has(pod.id)) return;
  const ownerId = input.owners.get(pod.id) ?? null;
  // Nobody to ask (no owner, no IDLE_CHANNEL, no admins): openEpisode would do nothing, so the
  // verdict and its evidence are not worked out for the pod every poll.
  if (promptAudience(ownerId, ctx.settings).audience === 'none') return;
  // IDLE_AFTER is the shortest window: a pod not idle over it is not idle over any.
  if (!verdictFor(sweep, pod).idle) {
    input.histories.forget(pod.id);
    return;
  }
  if (keepHolds(input.keeps.get(pod.id) ?? null, sweep.now)) return;
  const policy = idleTimingPolicyFrom(ctx.settings);
  // The stored day behind the pod, for the signals that look past the samples at hand.
  const readsHistory =
    policy.comeback.comebacksMin !== null ||
    policy.sporadicBusyPercent !== null ||
    policy.steadyBusyPercent !== null;
  const history = readsHistory ? await input.histories.of(pod.id, sweep.now) : null;
  const { verdict, timing, comeback } = idleDecision({
    samples: input.samplesByPod.get(pod.id) ?? [],
    now: sweep.now,
    runningSince: input.seen.get(pod.id)?.runningSince ?? null,
    rule: sweep.rule,
    timing: policy,
    ownerZone: ownerId === null ? null : await readerTimeZone(ctx, ownerId),
    history,
  });
  if (!verdict.idle) return;
  const evidence = buildIdleEvidence({
    ...verdict,
    now: sweep.now,
    rule: { ...sweep.rule, windowMs: timing.windowMs },
    timing: {
      kind: timing.kind,
      graceMs: timing.graceMs,
      workHours: policy.workHours === null ? null : describeWorkHours(policy.workHours),
      ...(comeback ? { comebacks: comeback.comebacks, longestComebackMs: comeback.longestMs } : {}),
    },
  });
  // Before asking anyone, a keep set while this poll ran counts too.
  if (keepHolds(await ctx.store.getKeep(pod.id), sweep.now)) return;
  // A pod list read before another replica (or a click) closed the last stretch never reopens it.
  if (!(await podStateIsFresh(ctx, pod))) return;
  const result = await openEpisode(ctx, { podId: pod.id, podName: pod.name, ownerId, evidence });
  if (result === 'prompted') sweep.counts.prompts++;
}

/** After an escalation or a dry run: no new prompt until the pod works again or stops. */
async function sweepWaiting(sweep: Sweep, episode: IdleEpisode, pod: Pod | null): Promise<void> {
  if (pod === null || pod.status !== 'RUNNING') {
    if (await endEpisode(sweep.ctx, episode, { outcome: 'gone' })) sweep.counts.ended++;
  } else if (busyNow(sweep, pod)) {
    if (await endEpisode(sweep.ctx, episode, { outcome: 'busy' })) sweep.counts.ended++;
  } else if (episode.state === 'escalated') {
    // Still idle and escalated: an escalation IDLE_CHANNEL refused goes there once it can.
    await settleEscalation(sweep.ctx, episode);
  }
}

async function sweepActive(sweep: Sweep, episode: IdleEpisode, pod: Pod | null): Promise<void> {
  const { ctx, now, counts } = sweep;
  if (episode.state === 'stopping') {
    await recoverStaleStop(sweep, episode, pod);
    return;
  }
  if (!isAnswerableState(episode.state)) return;
  const answerable = { ...episode, state: episode.state };

  if (pod === null || pod.status !== 'RUNNING') {
    if (await endEpisode(ctx, episode, { outcome: 'gone' })) counts.ended++;
    return;
  }
  if (busyNow(sweep, pod)) {
    if (await endEpisode(ctx, episode, { outcome: 'busy' })) counts.ended++;
    return;
  }
  if (sweep.input.exempt.has(pod.id)) {
    if (await endEpisode(ctx, episode, { outcome: 'exempt', by: PODWARDEN_ACTOR })) counts.ended++;
    return;
  }
  // A keep set while this poll ran is caught next poll; the stop below is a compare-and-set that
  // a keep (which closes the prompt first) wins.
  const keep = sweep.input.keeps.get(pod.id);
  if (keep && keepHolds(keep, now)) {
    if (await endEpisode(ctx, episode, { outcome: 'kept', by: keep.by, until: keep.until })) counts.ended++;
    return;
  }

  if (reminderDue(episode, now) && (await ctx.store.markReminded(episode.id, now))) {
    const timeZone = await episodeTimeZone(ctx, episode);
    const reminder = ctx.messages.reminder({
      podId: episode.podId,
      podName: episode.podName,
      ownerId: episode.ownerId,
      action: episode.action,
      deadlineAt: episode.deadlineAt,
      timeZone,
      now,
    });
    if ((await postInThreads(ctx, episode, reminder)) > 0) counts.reminders++;
  }

  if (!deadlinePassed(episode, now)) return;
  if (episode.messages.length === 0) {
    // A prompt whose post has no known outcome yet may be out there: hold until it is settled.
    if (await promptMayBeOut(ctx, episode.id)) return;
    // The prompt never reached anyone (a crash between opening and posting): never stop unasked.
    ctx.logger.warn({ episode: episode.id, pod: episode.podId }, 'idle deadline without a delivered prompt');
    await endEpisode(ctx, episode, { outcome: 'gone' });
    return;
  }
  // A stop RunPod refused is tried again with backoff, not at every poll.
  if (!stopRetryDue(episode, now)) return;
  const verdict = deadlineVerdictFor(sweep, pod);
  if (!verdict.idle) {
    // Samples are missing or the pod restarted: hold the deadline until the evidence is clear again.
    ctx.logger.debug({ episode: episode.id, pod: pod.id, reason: verdict.reason }, 'idle deadline on hold');
    return;
  }
  // The prompt's own evidence when the samples since are too few to show the whole window.
  const evidence =
    (verdict.idle &&
    verdict.window.length > 0 &&
    verdict.window[0] !== undefined &&
    sweep.now.getTime() - verdict.window[0].at.getTime() >= sweep.rule.windowMs
      ? evidenceOf(sweep, verdict)
      : null) ?? episodeEvidence(episode);
  if (episode.action === 'ask-only') {
    if (await escalateEpisode(ctx, episode, evidence)) counts.escalations++;
  } else if (episode.action === 'dry-run') {
    if (await dryRunEpisode(ctx, episode, evidence)) counts.dryRuns++;
  } else {
    const result = await stopEpisode(ctx, { episode: answerable, by: null, evidence });
    if (result.kind === 'stopped') counts.stops++;
    if (result.kind === 'failed') counts.failedStops++;
  }
}

/** A stop claimed long ago and never finished: settle it by what RunPod shows now. */
async function recoverStaleStop(sweep: Sweep, episode: IdleEpisode, pod: Pod | null): Promise<void> {
  if (sweep.now.getTime() - episode.updatedAt.getTime() < STALE_STOP_MS) return;
  await settleStop(sweep.ctx, episode, pod, STALE_STOP_MS);
}
