/**
 * Budget and runway alerts in their channels, each posted once per crossing. The post carries
 * message metadata naming the alert, the channel and the crossing, and is never retried blindly
 * (Notifier.postOnce): an answer that proves Slack refused it (removed, private, archived) leaves
 * it pending and tells the admins once; an unknown outcome (a timeout, a 5xx) leaves it pending
 * without telling anyone, and the retry looks for it in the channel (conversations.history) before
 * it ever posts again.
 */
import { undeliveredAlertText } from '../../domain/cost-alert-message.js';
import type { PostOutcome } from '../../domain/prompt-outbox.js';
import type { MessageMetadata, ServiceDeps } from '../ports.js';

type Deps = Pick<ServiceDeps, 'store' | 'notifier' | 'settings' | 'clock' | 'logger'>;

/** Slack message metadata naming an alert's post. */
export const ALERT_EVENT_TYPE = 'podwarden_alert';

/** An alert raised but not yet posted in this channel (alert state row, active while pending). */
const pendingKey = (alert: string, channel: string) => `alert-pending:${alert}:${channel}`;
/** The admins were told that this crossing's alert could not be posted in this channel. */
const toldKey = (alert: string, channel: string) => `alert-undelivered:${alert}:${channel}`;

/** The pending row's value: why it is pending. */
const REFUSED = 0; // Slack proved it did not post it: post again
const UNKNOWN = 1; // Slack may have posted it: look for it first

/** A post whose outcome is unknown may still be in flight this long; only then is it looked for. */
export const ALERT_SETTLE_AFTER_MS = 5 * 60_000;

export const alertMetadata = (alert: string, channel: string, raisedAt: Date): MessageMetadata => ({
  eventType: ALERT_EVENT_TYPE,
  payload: { alert, channel, raised: String(raisedAt.getTime()) },
});

export const slackReason = (error: unknown): string => {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : 'unknown error';
};

async function tellAdminsOnce(deps: Deps, alert: string, channel: string, text: string, reason: string) {
  if (!(await deps.store.flipAlert(toldKey(alert, channel), true, deps.clock.now(), null))) return;
  if (deps.settings.admins.length === 0) {
    deps.logger.error({ alert, channel }, 'alert undelivered and no admin to tell');
    return;
  }
  const dm = undeliveredAlertText(channel, reason, text);
  for (const admin of deps.settings.admins) {
    try {
      await deps.notifier.post(admin, { text: dm });
    } catch (notifyError) {
      deps.logger.error(
        { alert, channel, err: notifyError },
        'could not tell an admin about an undelivered alert',
      );
    }
  }
}

/** Records a post that did not land: pending, and why. True when it was posted. */
async function settle(deps: Deps, alert: string, channel: string, text: string, outcome: PostOutcome) {
  if (outcome.kind === 'posted') return true;
  const why = outcome.kind === 'not_sent' ? REFUSED : UNKNOWN;
  await deps.store.flipAlert(pendingKey(alert, channel), true, deps.clock.now(), why);
  if (outcome.kind === 'not_sent') {
    deps.logger.error(
      { alert, channel, reason: outcome.reason },
      'could not post an alert; it stays pending',
    );
    await tellAdminsOnce(deps, alert, channel, text, outcome.reason);
  } else {
    deps.logger.warn({ alert, channel, reason: outcome.reason }, 'alert outcome unknown; will look for it');
  }
  return false;
}

/** Posts a just-raised alert (raised at `raisedAt`, the crossing) in a channel. */
export async function deliverAlert(
  deps: Deps,
  alert: string,
  channel: string,
  text: string,
  raisedAt: Date,
): Promise<void> {
  const outcome = await deps.notifier.postOnce(channel, {
    text,
    metadata: alertMetadata(alert, channel, raisedAt),
  });
  await settle(deps, alert, channel, text, outcome);
}

/**
 * While an alert stays raised: posts it where it is still pending. Taking the pending flag is a
 * compare-and-set, so of several ticks or replicas exactly one acts; a post that may have landed
 * is looked for in the channel first; a failed attempt puts the flag back.
 */
export async function retryPendingAlert(
  deps: Deps,
  alert: string,
  channel: string,
  text: () => string,
): Promise<boolean> {
  const key = pendingKey(alert, channel);
  const pending = await deps.store.getAlertState(key);
  if (!pending?.active) return false;
  const now = deps.clock.now();
  const unknown = pending.value === UNKNOWN;
  if (unknown && now.getTime() - pending.changedAt.getTime() < ALERT_SETTLE_AFTER_MS) return false;
  const raisedAt = (await deps.store.getAlertState(alert))?.changedAt ?? pending.changedAt;
  if (!(await deps.store.flipAlert(key, false, now, null))) return false;
  const metadata = alertMetadata(alert, channel, raisedAt);
  if (unknown) {
    try {
      if (await deps.notifier.findPosted(channel, metadata, raisedAt)) {
        deps.logger.info({ alert, channel }, 'pending alert found in the channel; recorded');
        return true;
      }
    } catch (error) {
      deps.logger.warn(
        { alert, channel, err: error },
        'could not look for a pending alert; trying again later',
      );
      await deps.store.flipAlert(key, true, now, UNKNOWN);
      return false;
    }
  }
  const message = text();
  const posted = await settle(
    deps,
    alert,
    channel,
    message,
    await deps.notifier.postOnce(channel, { text: message, metadata }),
  );
  if (posted) deps.logger.info({ alert, channel }, 'pending alert posted');
  return posted;
}

/** The alert cleared: nothing stays pending, and the next crossing may tell the admins again. */
export async function forgetPendingAlert(deps: Deps, alert: string, channel: string): Promise<void> {
  await deps.store.flipAlert(pendingKey(alert, channel), false, deps.clock.now(), null);
  await deps.store.flipAlert(toldKey(alert, channel), false, deps.clock.now(), null);
}
