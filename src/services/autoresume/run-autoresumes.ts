import { PODWARDEN_ACTOR } from '../../domain/audit.js';
import {
  AUTORESUME_LEASE_MS,
  AUTORESUME_REASON,
  type AutoresumeRun,
  type AutoresumeRunState,
  decideAutoresume,
  nextAttemptAt,
  personActedSince,
} from '../../domain/autoresume.js';
import { RunpodError, type RunpodErrorKind } from '../../domain/errors.js';
import type { Pod } from '../../domain/pod.js';
import { readerTimeZone } from '../idle/idle-context.js';
import { recordAudit } from '../pods/record-audit.js';
import { currentBidPerGpu } from '../pods/resume-pod.js';
import { describeFailure, runMutation } from '../pods/run-mutation.js';
import type { OutgoingMessage, ServiceDeps } from '../ports.js';
import type { AutoresumeMessages, AutoresumeReplyView } from './autoresume-messages.js';
import { spotFacts } from './set-autoresume.js';

export type AutoresumeReport = { due: number; attempts: number; resumed: number; ended: number };

/** RunPod answers after which the next attempt may go through: no free GPU, a hiccup, a low bid. */
const RETRYABLE: readonly RunpodErrorKind[] = [
  'no_capacity',
  'runpod_unavailable',
  'runpod_rejected',
  'runpod_conflict',
];

/**
 * One pass of the autoresume job: every `trying` run that is due is claimed (one replica wins),
 * checked against what happened since the interruption, and either tried once with a bid resume,
 * given up, or ended. Each outcome is one reply in the interruption notice's thread.
 */
export async function runAutoresumes(
  deps: ServiceDeps,
  messages: AutoresumeMessages,
): Promise<AutoresumeReport> {
  const report: AutoresumeReport = { due: 0, attempts: 0, resumed: 0, ended: 0 };
  const now = deps.clock.now();
  const due = (await deps.store.listTryingAutoresumeRuns()).filter(
    (run) => run.nextAt.getTime() <= now.getTime(),
  );
  if (due.length === 0) return report;
  const enabled = await deps.store.listAutoresume();
  for (const run of due) {
    report.due++;
    const leaseUntil = new Date(now.getTime() + AUTORESUME_LEASE_MS);
    if (!(await deps.store.claimAutoresumeRun(run.podId, run.updatedAt, now, leaseUntil))) continue;
    try {
      const step = await stepRun(deps, messages, run, now, enabled.has(run.podId));
      if (step === 'attempted' || step === 'resumed') report.attempts++;
      if (step === 'resumed') report.resumed++;
      if (step === 'resumed' || step === 'ended') report.ended++;
    } catch (error) {
      // The lease runs out and the next pass tries again.
      deps.logger.error({ pod: run.podId, err: error }, 'autoresume attempt failed unexpectedly');
    }
  }
  return report;
}

type Step = 'attempted' | 'resumed' | 'ended' | 'deferred';

async function stepRun(
  deps: ServiceDeps,
  messages: AutoresumeMessages,
  run: AutoresumeRun,
  now: Date,
  enabled: boolean,
): Promise<Step> {
  const log = deps.logger.child({ job: 'autoresume', pod: run.podId });
  const settle = (state: AutoresumeRunState, attempts: number, nextAt: Date) =>
    deps.store.settleAutoresumeRun(run.podId, now, { state, attempts, nextAt, updatedAt: now });

  let pod: Pod | null = null;
  if (enabled) {
    try {
      pod = await deps.gateway.getPod(run.podId);
    } catch (error) {
      if (!(error instanceof RunpodError)) throw error;
      log.warn({ kind: error.kind }, 'autoresume could not read the pod; trying again later');
      await settle(
        'trying',
        run.attempts,
        nextAttemptAt(run, run.attempts + 1, now, deps.settings.autoresumeGiveUpAfterMs),
      );
      return 'deferred';
    }
  }
  const ownerId = await deps.store.getOwner(run.podId);
  const view = async (attempts: number): Promise<AutoresumeReplyView> => ({
    podId: run.podId,
    podName: pod?.name ?? run.podName,
    attempts,
    now,
    timeZone: await readerTimeZone(deps, ownerId),
  });
  const reply = (message: OutgoingMessage) => postReply(deps, run, message);

  const step = decideAutoresume({
    run,
    now,
    giveUpAfterMs: deps.settings.autoresumeGiveUpAfterMs,
    enabled,
    status: enabled ? (pod?.status ?? null) : 'EXITED',
    personActed: personActedSince(await deps.store.listAudit(run.podId, 20), run.interruptedAt),
  });
  if (step.kind === 'cancel') {
    // Settled by someone else meanwhile (the lease ran out): they tell the thread.
    if (!(await settle('cancelled', run.attempts, now))) return 'deferred';
    log.info({ reason: step.reason }, 'autoresume stopped trying');
    await reply(messages.cancelled({ ...(await view(run.attempts)), reason: step.reason, by: step.by }));
    return 'ended';
  }
  if (step.kind === 'give_up' || pod === null) {
    if (!(await settle('gave_up', run.attempts, now))) return 'deferred';
    await recordAudit(deps, {
      actor: PODWARDEN_ACTOR,
      pod: { id: run.podId, name: run.podName },
      action: 'resume',
      reason: AUTORESUME_REASON,
      outcome: 'failed',
      detail: `gave up after ${run.attempts} attempt(s)`,
    });
    log.info({ attempts: run.attempts }, 'autoresume gave up');
    await reply(
      messages.gaveUp({
        ...(await view(run.attempts)),
        giveUpAfterMs: deps.settings.autoresumeGiveUpAfterMs,
      }),
    );
    return 'ended';
  }
  return attempt(deps, messages, { run, pod, now, log, settle, view, reply });
}

async function attempt(
  deps: ServiceDeps,
  messages: AutoresumeMessages,
  input: {
    run: AutoresumeRun;
    pod: Pod;
    now: Date;
    log: ServiceDeps['logger'];
    settle: (state: AutoresumeRunState, attempts: number, nextAt: Date) => Promise<boolean>;
    view: (attempts: number) => Promise<AutoresumeReplyView>;
    reply: (message: OutgoingMessage) => Promise<void>;
  },
): Promise<Step> {
  const { run, pod, now, log, settle, view, reply } = input;
  const attempts = run.attempts + 1;
  const gpuCount = pod.gpuCount > 0 ? pod.gpuCount : 1;
  const audit = {
    actor: PODWARDEN_ACTOR,
    pod: { id: pod.id, name: pod.name },
    action: 'resume' as const,
    reason: AUTORESUME_REASON,
  };
  let bidPerGpu = currentBidPerGpu(pod);
  const outcome = await runMutation(
    deps,
    pod.id,
    async () => {
      bidPerGpu = currentBidPerGpu({ ...pod, ...(await spotFacts(deps, pod)) });
      await deps.gateway.bidResumePod(pod.id, gpuCount, bidPerGpu);
    },
    (after) => after?.status === 'RUNNING',
  );
  if (outcome.ok) {
    await settle('resumed', attempts, now);
    await recordAudit(deps, {
      ...audit,
      outcome: 'ok',
      detail: `RunPod: podBidResume at ${bidPerGpu} USD/GPU/h, ${gpuCount} GPU(s), attempt ${attempts}`,
    });
    log.info({ attempts, bidPerGpu }, 'autoresume resumed a spot pod');
    await reply(messages.resumed({ ...(await view(attempts)), bidPerGpu, gpuCount }));
    return 'resumed';
  }

  const error = outcome.error;
  await recordAudit(deps, { ...audit, outcome: 'failed', detail: describeFailure(error) });
  if (error instanceof RunpodError && error.kind === 'spot_unavailable') {
    await settle('unavailable', attempts, now);
    log.warn({ attempts }, 'autoresume cannot bid-resume: spot is unavailable');
    await reply(messages.unavailable(await view(attempts)));
    return 'ended';
  }
  if (error instanceof RunpodError && RETRYABLE.includes(error.kind)) {
    const nextAt = nextAttemptAt(run, attempts, now, deps.settings.autoresumeGiveUpAfterMs);
    await settle('trying', attempts, nextAt);
    log.info({ attempts, kind: error.kind }, 'autoresume attempt failed; trying again later');
    await reply(
      messages.retrying({
        ...(await view(attempts)),
        noCapacity: error.kind === 'no_capacity',
        detail: error.detail,
        bidPerGpu,
        nextAt,
      }),
    );
    return 'attempted';
  }
  if (!(error instanceof RunpodError)) throw error;
  await settle('cancelled', attempts, now);
  log.warn({ kind: error.kind }, 'autoresume attempt refused; not trying again');
  await reply(messages.failed({ ...(await view(attempts)), detail: `${error.kind}: ${error.detail}` }));
  return 'ended';
}

/** One reply in the notice's thread (top level when the notice could not be posted). */
async function postReply(deps: ServiceDeps, run: AutoresumeRun, message: OutgoingMessage): Promise<void> {
  if (run.channel === null) return;
  try {
    await deps.notifier.post(run.channel, run.threadTs ? { ...message, threadTs: run.threadTs } : message);
  } catch (error) {
    deps.logger.warn({ pod: run.podId, err: error }, 'could not post the autoresume reply');
  }
}
