import { RunpodError } from '../../domain/errors.js';
import type { BillingRecord, NetworkVolume } from '../../domain/pod.js';
import type { ServiceDeps } from '../ports.js';

/** `balanceUnavailable`: RunPod's GraphQL API, the only one with the balance, is gone or unreachable. */
export type AccountFigures = {
  balanceUsd: number | null;
  spendPerHour: number | null;
  balanceUnavailable: boolean;
};

/**
 * Balance and spend rate from RunPod. A report or a digest goes on without them when RunPod is
 * unreachable: the figures are null and the text says they are unknown.
 */
export async function readAccount(deps: Pick<ServiceDeps, 'gateway' | 'logger'>): Promise<AccountFigures> {
  try {
    const account = await deps.gateway.getAccount();
    return {
      balanceUsd: account.clientBalance,
      spendPerHour: account.currentSpendPerHr,
      balanceUnavailable: account.balanceUnavailable === true,
    };
  } catch (error) {
    if (!(error instanceof RunpodError)) throw error;
    deps.logger.warn({ kind: error.kind }, 'could not read the RunPod account; balance and rate unknown');
    return { balanceUsd: null, spendPerHour: null, balanceUnavailable: false };
  }
}

/**
 * The account's network volumes now, read once per report. Null when the gateway cannot list them
 * or RunPod fails: the report then charges none and says nothing about them.
 */
export async function readNetworkVolumes(
  deps: Pick<ServiceDeps, 'gateway' | 'logger'>,
): Promise<NetworkVolume[] | null> {
  if (!deps.gateway.listNetworkVolumes) return null;
  try {
    return await deps.gateway.listNetworkVolumes();
  } catch (error) {
    if (!(error instanceof RunpodError)) throw error;
    deps.logger.warn({ kind: error.kind }, 'could not read RunPod network volumes; reporting without them');
    return null;
  }
}

/**
 * RunPod's own billed total for [from, to) (REST billing history), when reconciliation is on.
 * Null when it is off, when the adapter cannot read billing, or when RunPod fails.
 */
export async function readBilling(
  deps: Pick<ServiceDeps, 'gateway' | 'logger' | 'settings'>,
  from: Date,
  to: Date,
): Promise<BillingRecord[] | null> {
  if (!deps.settings.reconcileBilling) return null;
  try {
    return await deps.gateway.getBilling(from, to);
  } catch (error) {
    if (!(error instanceof RunpodError)) throw error;
    deps.logger.warn({ kind: error.kind }, 'could not read RunPod billing; reporting without reconciliation');
    return null;
  }
}
