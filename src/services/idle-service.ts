import type { AppError, PodCandidate } from '../domain/errors.js';
import { type IdleRule, idleRuleFrom } from '../domain/idle-verdict.js';
import type { KeepRequest } from '../domain/keep-until.js';
import { ok, type Result } from '../lib/result.js';
import { type AnswerInput, type AnswerOutcome, answerPrompt } from './idle/answer-prompt.js';
import { type IdleContext, readerTimeZone } from './idle/idle-context.js';
import type { IdleMessages } from './idle/idle-messages.js';
import { type KeepOutcome, keepPod } from './idle/keep-pod.js';
import { type IdlePodView, listIdlePods } from './idle/list-idle-pods.js';
import { type PollReport, pollPods } from './idle/poll-pods.js';
import { createQuietHistories } from './idle/quiet-histories.js';
import { createRecentSamples } from './idle/recent-samples.js';
import { setPodExempt } from './idle/set-pod-exempt.js';
import { settleStopsInFlight } from './idle/settle-stops.js';
import { runGuarded } from './pods/run-guarded.js';
import type { ServiceDeps } from './ports.js';

export type { AnswerInput, AnswerOutcome, IdleChoice } from './idle/answer-prompt.js';
export type * from './idle/idle-messages.js';
export type { KeepOutcome } from './idle/keep-pod.js';
export type { IdlePodView } from './idle/list-idle-pods.js';
export type { PollReport } from './idle/poll-pods.js';

export type IdleListing = { pods: IdlePodView[]; rule: IdleRule; timeZone: string; now: Date };

export type KeepInput = { actor: string; ref: string; request: KeepRequest; reason: string | null };
export type ExemptInput = { actor: string; ref: string; exempt: boolean };

/**
 * Idle detection and confirm-before-stop (PRODUCT.md §3). Callers hand in how messages look
 * (slack/blocks/idle-messages.ts), so this service knows neither Block Kit nor action ids.
 */
export function createIdleService(deps: ServiceDeps) {
  const context = (messages: IdleMessages): IdleContext => ({ ...deps, messages });
  const recent = createRecentSamples(deps.store, deps.settings.pollIntervalMs);
  const histories = createQuietHistories(deps.store, idleRuleFrom(deps.settings), deps.logger);

  return {
    /** One poll of every pod and one pass of the idle flow; the poller calls it every POLL_INTERVAL. */
    poll: (messages: IdleMessages): Promise<PollReport> => pollPods(context(messages), recent, histories),

    /** At start: stops left in flight by a crash, settled by reading their pods again. */
    settleStopsInFlight: (messages: IdleMessages): Promise<number> => settleStopsInFlight(context(messages)),

    /** A button on an idle prompt: Stop now, Keep 1 h / 4 h / until 09:00, Claim. */
    answer: (input: AnswerInput, messages: IdleMessages): Promise<Result<AnswerOutcome, AppError>> =>
      runGuarded(deps.logger, 'idle_answer', { user: input.actor, episode: input.episodeId }, () =>
        answerPrompt(context(messages), input),
      ),

    /** `/pod keep <pod> <duration|until HH:MM> [reason]`. */
    keep: (input: KeepInput, messages: IdleMessages): Promise<Result<KeepOutcome, AppError>> =>
      runGuarded(deps.logger, 'keep', { user: input.actor }, () => keepPod(context(messages), input)),

    /** `/pod exempt <pod>` and `/pod unexempt <pod>`, admins only. */
    setExempt: (
      input: ExemptInput,
      messages: IdleMessages,
    ): Promise<Result<{ pod: PodCandidate; exempt: boolean }, AppError>> =>
      runGuarded(deps.logger, input.exempt ? 'exempt' : 'unexempt', { user: input.actor }, () =>
        setPodExempt(context(messages), input),
      ),

    /** `/pod idle`: pods idle right now, with owner, idle time and idle dollars; times in the asker's zone. */
    listIdle: (actor: string | null): Promise<Result<IdleListing, AppError>> =>
      runGuarded(deps.logger, 'idle_list', { user: actor }, async () =>
        ok({
          pods: await listIdlePods(deps),
          rule: idleRuleFrom(deps.settings),
          timeZone: await readerTimeZone(deps, actor),
          now: deps.clock.now(),
        }),
      ),
  };
}
