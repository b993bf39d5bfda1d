import type { App } from '@slack/bolt';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';
import { ActionId, CallbackId } from './action-ids.js';
import { handleHelpMore } from './actions/help-more.js';
import { handleIdleAnswer } from './actions/idle-answer.js';
import { handleListMore } from './actions/list-more.js';
import { handlePodAssignButton } from './actions/pod-assign.js';
import { handlePodResumeButton } from './actions/pod-resume.js';
import { handlePodStopButton } from './actions/pod-stop.js';
import { handleStoppedNudgeAnswer } from './actions/stopped-nudge-answer.js';
import { handleStoppedTerminate } from './actions/stopped-terminate.js';
import { buildActionContext, buildCommandContext, buildViewContext } from './build-contexts.js';
import type { ActionHandler } from './context.js';
import type { SlackDeps } from './deps.js';
import { dispatchCommand } from './dispatch-command.js';
import { publishHome } from './home/publish-home.js';
import type { InFlight } from './in-flight.js';
import { parseCommand } from './parse-command.js';
import { runSafely } from './run-safely.js';
import { handleAssignSubmit } from './views/assign-submit.js';
import { handleDeploySubmit } from './views/deploy-submit.js';
import { handleTerminateSubmit } from './views/terminate-submit.js';
import type { ViewHandler, ViewOutcome } from './views/view-handler.js';

export const SLASH_COMMAND = '/pod';
/** `/POD LIST` works like `/pod list`: the command is matched in any case, the words too (parse-command). */
const SLASH_COMMAND_ANY_CASE = /^\/pod$/i;

export type RouteOptions = { deps: SlackDeps; logger: Logger; metrics: Metrics; inFlight: InFlight };

/** Buttons by action_id. Idle prompts' buttons go to the idle engineer's handler. */
export const ACTION_ROUTES: Readonly<Record<string, ActionHandler>> = {
  [ActionId.podStop]: handlePodStopButton,
  [ActionId.podResume]: handlePodResumeButton,
  [ActionId.listMore]: handleListMore,
  [ActionId.helpMore]: handleHelpMore,
  [ActionId.podAssign]: handlePodAssignButton,
  [ActionId.idleStopNow]: handleIdleAnswer,
  [ActionId.idleKeep1h]: handleIdleAnswer,
  [ActionId.idleKeep4h]: handleIdleAnswer,
  [ActionId.idleKeepUntil]: handleIdleAnswer,
  [ActionId.idleClaim]: handleIdleAnswer,
  [ActionId.stoppedTerminate]: handleStoppedTerminate,
  [ActionId.stoppedKeep30d]: handleStoppedNudgeAnswer,
  [ActionId.stoppedRemind7d]: handleStoppedNudgeAnswer,
};

/** Modal submissions by callback_id. */
export const VIEW_ROUTES: Readonly<Record<string, ViewHandler>> = {
  [CallbackId.terminate]: handleTerminateSubmit,
  [CallbackId.deploy]: handleDeploySubmit,
  [CallbackId.assign]: handleAssignSubmit,
};

/** Submissions after which the submitter's Home tab is re-published (they were made there). */
const REFRESH_HOME_AFTER: ReadonlySet<string> = new Set([CallbackId.assign]);

const elapsedSeconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * Every route acks first — Slack allows 3 s and RunPod may take longer — then parses, calls one
 * service through its handler, and replies by response_url or the Web API.
 */
export function registerRoutes(app: App, options: RouteOptions): void {
  const { deps, metrics, inFlight } = options;

  app.command(SLASH_COMMAND_ANY_CASE, async ({ command, ack, respond, client }) => {
    const started = process.hrtime.bigint();
    await ack();
    metrics.observe('podwarden_slack_ack_seconds', elapsedSeconds(started), { kind: 'command' });
    const parsed = parseCommand(command.text ?? '');
    const name = parsed.ok ? parsed.value.name : 'invalid';
    metrics.increment('podwarden_slack_commands_total', { command: name });
    const logger = options.logger.child({
      user: command.user_id,
      channel: command.channel_id,
      command: name,
    });
    const ctx = buildCommandContext({ command, respond, client }, deps, logger);
    await inFlight.track(() =>
      runSafely(
        logger,
        metrics,
        () => (parsed.ok ? dispatchCommand(ctx, parsed.value) : ctx.reply({ text: parsed.error.message })),
        ctx.reply,
      ),
    );
    metrics.observe('podwarden_slack_handler_seconds', elapsedSeconds(started), { kind: 'command' });
  });

  for (const [actionId, handler] of Object.entries(ACTION_ROUTES)) {
    app.action({ type: 'block_actions', action_id: actionId }, async ({ body, ack, respond, client }) => {
      const started = process.hrtime.bigint();
      await ack();
      metrics.observe('podwarden_slack_ack_seconds', elapsedSeconds(started), { kind: 'action' });
      metrics.increment('podwarden_slack_actions_total', { action: actionId });
      const logger = options.logger.child({ user: body.user.id, action: actionId });
      const ctx = buildActionContext({ body, respond, client }, deps, logger);
      await inFlight.track(() => runSafely(logger, metrics, () => handler(ctx), ctx.reply));
      metrics.observe('podwarden_slack_handler_seconds', elapsedSeconds(started), { kind: 'action' });
    });
  }

  for (const [callbackId, handler] of Object.entries(VIEW_ROUTES)) {
    app.view({ type: 'view_submission', callback_id: callbackId }, async ({ body, ack, client }) => {
      if (body.type !== 'view_submission') {
        await ack();
        return;
      }
      metrics.increment('podwarden_slack_views_total', { view: callbackId });
      const logger = options.logger.child({ user: body.user.id, view: callbackId });
      const ctx = buildViewContext({ body, client }, deps, logger);
      const tellUser = (message: { text: string }) => ctx.post(ctx.userId, message);
      const answer: { outcome: ViewOutcome | null } = { outcome: null };
      await runSafely(
        logger,
        metrics,
        async () => {
          answer.outcome = await handler(ctx);
        },
        tellUser,
      );
      const viewAck = answer.outcome?.ack;
      if (viewAck && 'errors' in viewAck) {
        await ack({ response_action: 'errors', errors: viewAck.errors });
        return;
      }
      await ack();
      const after = answer.outcome?.after;
      if (after) await inFlight.track(() => runSafely(logger, metrics, after, tellUser));
      if (REFRESH_HOME_AFTER.has(callbackId)) {
        await inFlight.track(() =>
          runSafely(logger, metrics, () => publishHome(client, deps, ctx.userId), tellUser),
        );
      }
    });
  }

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    metrics.increment('podwarden_slack_home_opened_total');
    const logger = options.logger.child({ user: event.user, event: 'app_home_opened' });
    await inFlight.track(() =>
      runSafely(
        logger,
        metrics,
        () => publishHome(client, deps, event.user),
        // Logged with a reference; a Home tab that failed to refresh is not worth a DM.
        async () => undefined,
      ),
    );
  });
}
