import {
  formatHours,
  formatPercent,
  formatRunway,
  formatUsd,
  formatUsdPerHour,
} from '../../domain/cost-format.js';
import { type CostTotals, idleShare } from '../../domain/cost-summary.js';
import { serverlessLines } from '../../domain/serverless-text.js';
import { inlineCode } from '../../lib/escape.js';
import type { CostReport } from '../../services/cost-service.js';
import type { Reply } from '../context.js';
import { type Block, context, fallbackText, section } from './block-kit.js';
import { mention, ownerText } from './format.js';

/** Rows per list: the rest is summed in one line. */
const ROWS = 10;

/** `volumesUsd` is already inside `t.storageUsd` and `t.totalUsd`. */
function totalsLine(t: CostTotals, volumesUsd: number): string {
  const parts = [`*Total:* ${formatUsd(t.totalUsd)}`];
  if (t.computeUsd > 0 || t.storageUsd > 0) parts.push(`GPU pods ${formatUsd(t.computeUsd)}`);
  if (t.computeUsd > 0) parts.push(`idle ${formatUsd(t.idleUsd)} (${formatPercent(idleShare(t))})`);
  if (t.storageUsd - volumesUsd >= 0.005)
    parts.push(`storage of stopped pods ${formatUsd(t.storageUsd - volumesUsd)}`);
  return parts.join(' · ');
}

const rowTail = (t: CostTotals): string =>
  `${formatUsd(t.totalUsd)} · ${formatHours(t.gpuSeconds)} GPU · idle ${formatHours(t.idleSeconds)} (${formatUsd(t.idleUsd)})`;

function list<T extends CostTotals>(title: string, rows: readonly T[], line: (row: T) => string): string {
  const shown = rows.slice(0, ROWS).map((row) => `• ${line(row)}`);
  const rest = rows.slice(ROWS);
  if (rest.length > 0) {
    const sum = rest.reduce((total, row) => total + row.totalUsd, 0);
    shown.push(`• … ${rest.length} more, ${formatUsd(sum)} together`);
  }
  return [title, ...shown].join('\n');
}

/** Serverless endpoints billed in the period, and the whole bill: pods and serverless together. */
function serverlessPart(report: CostReport): string[] {
  const serverless = report.serverless ?? null;
  const part = serverlessLines(serverless, '*Serverless endpoints* in this period:');
  if (part.length === 0) return [];
  if (serverless?.kind === 'ok') {
    part.push(
      `*Pods and serverless together:* ${formatUsd(report.summary.totals.totalUsd + serverless.totalUsd)}`,
    );
  }
  return [part.join('\n')];
}

/** `/pod cost`: the period's totals, idle share, owners, pods, and the account now. Ephemeral. */
export function buildCostReply(report: CostReport): Reply {
  const { summary } = report;
  const who = report.userId ? ` for ${mention(report.userId)}` : '';
  const heading = `*GPU spend${who}, ${report.label}* (${report.timeZone})`;
  const blocks: Block[] = [];
  const lines: string[] = [];

  if (summary.totals.totalUsd < 0.005 && summary.totals.runningSeconds === 0) {
    lines.push(`${heading}\nNo spend${report.period === 'today' ? ' so far' : ''}.`);
  } else {
    const volumes = report.networkVolumes ?? null;
    const head = [heading, totalsLine(summary.totals, volumes?.usd ?? 0)];
    if (volumes !== null) {
      head.push(
        `Network volumes (as they are now): ${volumes.count} ${volumes.count === 1 ? 'volume' : 'volumes'}, ${volumes.sizeGb} GB, ${formatUsd(volumes.usd)} in this period (${formatUsd(volumes.usdPerDay)} a day)`,
      );
    }
    const check = report.reconciliation;
    if (check !== null) {
      const upTo = check.through.getTime() < summary.to.getTime() ? ' for the complete days' : '';
      head.push(
        `RunPod's billing says ${formatUsd(check.runpodUsd)}${upTo}; podwarden counted ${formatUsd(check.podwardenUsd)} from its samples.`,
      );
    }
    if (summary.totals.unknownSeconds >= 60) {
      head.push(
        `${formatHours(summary.totals.unknownSeconds)} of pod time were not observed (podwarden was down or RunPod unreachable); the real figure may be higher.`,
      );
    }
    lines.push(head.join('\n'));
    if (!report.userId && summary.byOwner.length > 0) {
      lines.push(list('*By owner*', summary.byOwner, (o) => `${ownerText(o.ownerId)}: ${rowTail(o)}`));
    }
    if (summary.byPod.length > 0) {
      lines.push(
        list(
          '*By pod*',
          summary.byPod,
          (p) => `${inlineCode(p.podName)} (${ownerText(p.ownerId)}): ${rowTail(p)}`,
        ),
      );
    }
  }

  if (!report.userId) lines.push(...serverlessPart(report));

  const account: string[] = [];
  if (report.forecastUsd !== null)
    account.push(`Month forecast at the current rate: ${formatUsd(report.forecastUsd)}`);
  if (report.spendPerHour !== null)
    account.push(
      `${report.userId ? 'Their pods spend' : 'Spending'} ${formatUsdPerHour(report.spendPerHour)} now`,
    );
  if (!report.userId && report.balanceUsd !== null) {
    account.push(
      `balance ${formatUsd(report.balanceUsd)}${report.runwayDays !== null ? `, runway ${formatRunway(report.runwayDays)}` : ''}`,
    );
  }
  if (!report.userId && report.balanceUnavailable) {
    account.push(
      'balance and runway not shown: RunPod reports them only over its GraphQL API, which is not answering',
    );
  }
  if (report.savedUsd >= 0.005)
    account.push(`podwarden's idle stops saved ${formatUsd(report.savedUsd)} in this period`);

  for (const text of lines) blocks.push(section(text));
  if (account.length > 0) blocks.push(context([account.join(' · ')]));
  return { text: fallbackText([...lines, account.join(' · ')].filter(Boolean).join('\n\n')), blocks };
}
