import { undeliveredAlertText } from '../../domain/cost-alert-message.js';
import type { ServiceDeps } from '../ports.js';

type Deps = Pick<ServiceDeps, 'store' | 'notifier' | 'settings' | 'clock' | 'logger'>;

/** An alert raised but not yet posted in this channel (alert state row, active while pending). */
const pendingKey = (alert: string, channel: string) => `alert-pending:${alert}:${channel}`;
/** The admins were told that this crossing's alert could not be posted in this channel. */
const toldKey = (alert: string, channel: string) => `alert-undelivered:${alert}:${channel}`;

export const slackReason = (error: unknown): string => {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : 'unknown error';
};

async function tellAdminsOnce(deps: Deps, alert: string, channel: string, text: string, error: unknown) {
  if (!(await deps.store.flipAlert(toldKey(alert, channel), true, deps.clock.now(), null))) return;
  if (deps.settings.admins.length === 0) {
    deps.logger.error({ alert, channel }, 'alert undelivered and no admin to tell');
    return;
  }
  const dm = undeliveredAlertText(channel, slackReason(error), text);
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

/**
 * Posts a just-raised alert in a channel. When Slack refuses (removed, private, archived), the
 * alert stays pending for that channel and the admins hear once per crossing.
 */
export async function deliverAlert(deps: Deps, alert: string, channel: string, text: string): Promise<void> {
  try {
    await deps.notifier.post(channel, { text });
  } catch (error) {
    deps.logger.error({ alert, channel, err: error }, 'could not post an alert; it stays pending');
    await deps.store.flipAlert(pendingKey(alert, channel), true, deps.clock.now(), null);
    await tellAdminsOnce(deps, alert, channel, text, error);
  }
}

/**
 * While an alert stays raised: posts it where it is still pending. Taking the pending flag is a
 * compare-and-set, so of several ticks or replicas exactly one posts; a failed post puts it back.
 */
export async function retryPendingAlert(
  deps: Deps,
  alert: string,
  channel: string,
  text: () => string,
): Promise<boolean> {
  const key = pendingKey(alert, channel);
  if (!(await deps.store.getAlertState(key))?.active) return false;
  if (!(await deps.store.flipAlert(key, false, deps.clock.now(), null))) return false;
  try {
    await deps.notifier.post(channel, { text: text() });
    deps.logger.info({ alert, channel }, 'pending alert posted');
    return true;
  } catch (error) {
    deps.logger.warn({ alert, channel, err: error }, 'pending alert still cannot be posted');
    await deps.store.flipAlert(key, true, deps.clock.now(), null);
    return false;
  }
}

/** The alert cleared: nothing stays pending, and the next crossing may tell the admins again. */
export async function forgetPendingAlert(deps: Deps, alert: string, channel: string): Promise<void> {
  await deps.store.flipAlert(pendingKey(alert, channel), false, deps.clock.now(), null);
  await deps.store.flipAlert(toldKey(alert, channel), false, deps.clock.now(), null);
}
