import { inlineCode, truncate } from '../lib/escape.js';
import { slackDate } from '../lib/slack-date.js';
import {
  formatChange,
  formatHours,
  formatPercent,
  formatRunway,
  formatUsd,
  formatUsdPerHour,
} from './cost-format.js';
import { idleShare } from './cost-summary.js';
import { exposureSection } from './digest-exposure.js';
import { longStoppedSection } from './digest-long-stopped.js';
import type { DigestModel } from './digest-model.js';
import { repeatedKeepsSection } from './digest-repeated-keeps.js';
import { serverlessSection } from './digest-serverless.js';

/** The digest as a Slack message: mrkdwn sections (Block Kit as plain data) and the same text as fallback. */
export type DigestMessage = { text: string; blocks: Record<string, unknown>[] };

/** Slack's advice for a message's text; the blocks carry the full digest anyway. */
const TEXT_MAX = 3900;

/** Lists longer than this end with "and N more". */
const LIST_MAX = 10;

export const ownerLabel = (ownerId: string | null): string => (ownerId ? `<@${ownerId}>` : '_unowned_');

function capped<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LIST_MAX).map((item) => `• ${line(item)}`);
  if (items.length > LIST_MAX) lines.push(`• … and ${items.length - LIST_MAX} more`);
  return lines;
}

function yesterdayLines(model: DigestModel): string[] {
  const y = model.yesterday;
  const change = formatChange(y.totalUsd, model.dayBeforeUsd);
  const vs = change
    ? ` (${change} vs ${formatUsd(model.dayBeforeUsd)} the day before)`
    : ` (the day before: ${formatUsd(model.dayBeforeUsd)})`;
  const parts = [`*Yesterday:* ${formatUsd(y.totalUsd)}${vs}`];
  if (y.computeUsd > 0)
    parts.push(`idle ${formatUsd(y.idleUsd)} (${formatPercent(idleShare(y))} of GPU spend)`);
  const volumesUsd = model.networkVolumes?.usd ?? 0;
  if (y.storageUsd - volumesUsd >= 0.005)
    parts.push(`storage of stopped pods ${formatUsd(y.storageUsd - volumesUsd)}`);
  if (volumesUsd >= 0.005) parts.push(`network volumes ${formatUsd(volumesUsd)}`);
  const lines = [parts.join(' · ')];
  if (model.runpodYesterdayUsd !== null) {
    lines.push(
      `RunPod's billing says ${formatUsd(model.runpodYesterdayUsd)} for the day; podwarden counted ${formatUsd(y.totalUsd - volumesUsd)} from its samples.`,
    );
  }
  if (y.unknownSeconds >= 60) {
    lines.push(
      `${formatHours(y.unknownSeconds)} of pod time were not observed (podwarden was down or RunPod unreachable), so the real figure may be higher.`,
    );
  }
  return lines;
}

/** To the subscriber, once, when the day's scheduled digest could not be posted in the channel. */
export function undeliveredDigestText(channel: string, reason: string): string {
  return `I could not post today's GPU cost digest in <#${channel}> (Slack said: ${reason}). The subscription stays and I will try again later today. If I was removed from the channel or it is private, invite me back with \`/invite @podwarden\`.`;
}

/** RunPod reports the balance only over GraphQL, which it is retiring (runpod-api.md §0.2). */
export const BALANCE_UNAVAILABLE =
  '*Balance and runway:* not shown: RunPod reports them only over its GraphQL API, which is not answering.';

function accountLines(model: DigestModel): string[] {
  const lines = [
    `*This month:* ${formatUsd(model.monthToDateUsd)} so far · forecast ${formatUsd(model.monthForecastUsd)} at ${formatUsdPerHour(model.spendPerHour)} now`,
  ];
  if (model.balanceUsd !== null) {
    const runway =
      model.runwayDays === null
        ? 'nothing is spending now'
        : `runway ${formatRunway(model.runwayDays)} at this rate`;
    lines.push(`*Balance:* ${formatUsd(model.balanceUsd)} · ${runway}`);
  } else if (model.balanceUnavailable) {
    lines.push(BALANCE_UNAVAILABLE);
  } else {
    lines.push('*Balance:* unknown (RunPod did not report it)');
  }
  return lines;
}

function sections(model: DigestModel): string[] {
  const out: string[] = [];
  out.push([...yesterdayLines(model), ...accountLines(model)].join('\n'));
  if (model.owners.length > 0) {
    out.push(
      [
        '*By owner, yesterday*',
        ...capped(
          model.owners,
          (o) =>
            `${ownerLabel(o.ownerId)}: ${formatUsd(o.spendUsd)} · ${formatHours(o.gpuHours * 3600)} GPU · idle ${formatHours(o.idleHours * 3600)} (${formatUsd(o.idleUsd)})`,
        ),
      ].join('\n'),
    );
  }
  if (model.topPods.length > 0) {
    out.push(
      [
        '*Top pods, yesterday*',
        ...capped(
          model.topPods,
          (p) =>
            `${inlineCode(p.podName)} (${ownerLabel(p.ownerId)}) ${formatUsd(p.spendUsd)}${p.idleUsd >= 0.005 ? `, idle ${formatUsd(p.idleUsd)}` : ''}`,
        ),
      ].join('\n'),
    );
  }
  if (model.stoppedByPodwarden.length > 0 || model.savedYesterdayUsd >= 0.005) {
    out.push(
      [
        `*Saved by podwarden yesterday:* ${formatUsd(model.savedYesterdayUsd)}`,
        ...capped(
          model.stoppedByPodwarden,
          (s) =>
            `stopped ${inlineCode(s.podName)} (${ownerLabel(s.ownerId)}) at ${slackDate(s.stoppedAt, s.stoppedAt, model.timeZone, 'time')}, ${formatUsdPerHour(s.costPerHr)}: ${formatUsd(s.savedUsd)} saved ${s.resumedAt ? 'until resumed' : 'so far'}`,
        ),
      ].join('\n'),
    );
  }
  if (model.storagePods.length > 0) {
    const perDay = model.storagePods.reduce((total, p) => total + p.usdPerDay, 0);
    out.push(
      [
        `*Stopped pods still billing storage:* ${formatUsd(perDay)} a day`,
        ...capped(
          model.storagePods,
          (p) =>
            `${inlineCode(p.podName)} (${ownerLabel(p.ownerId)}) ${p.volumeInGb} GB volume, ${formatUsd(p.usdPerDay)} a day`,
        ),
      ].join('\n'),
    );
  }
  out.push(...repeatedKeepsSection(model));
  out.push(...longStoppedSection(model));
  if (model.networkVolumes) {
    const v = model.networkVolumes;
    out.push(
      `*Network volumes (as they are now):* ${v.count} ${v.count === 1 ? 'volume' : 'volumes'}, ${v.sizeGb} GB, ${formatUsd(v.usdPerDay)} a day`,
    );
  }
  out.push(...serverlessSection(model));
  out.push(...exposureSection(model));
  if (model.runningNow.length > 0) {
    const perHour = model.runningNow.reduce((total, p) => total + p.costPerHr, 0);
    out.push(
      [
        `*Running now:* ${model.runningNow.length} ${model.runningNow.length === 1 ? 'pod' : 'pods'}, ${formatUsdPerHour(perHour)}`,
        ...capped(
          model.runningNow,
          (p) =>
            `${inlineCode(p.podName)} (${ownerLabel(p.ownerId)}) ${formatUsdPerHour(p.costPerHr)}${p.gpuUtil === null ? '' : `, GPU ${Math.round(p.gpuUtil)} %`}`,
        ),
      ].join('\n'),
    );
  } else if (model.currentKnown) {
    out.push('*Running now:* nothing');
  } else {
    out.push(
      '*Running now:* unknown: podwarden has no samples from the last few minutes (it may have just started, or RunPod is not answering).',
    );
  }
  return out;
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** The digest's text: a title, then one section per topic; a quiet day is one line. */
export function digestMessage(model: DigestModel): DigestMessage {
  const title = `GPU digest for ${model.dayLabel}`;
  if (model.quiet) {
    const balance = model.balanceUsd === null ? '' : ` Balance ${formatUsd(model.balanceUsd)}.`;
    const text = `*${title}:* a quiet day: no spend and nothing running.${balance}`;
    return { text, blocks: [section(text)] };
  }
  const body = sections(model);
  const heading = `*${title}* (the day in ${model.timeZone})`;
  return {
    text: truncate([heading, ...body].join('\n\n'), TEXT_MAX),
    blocks: [section(heading), ...body.map(section)],
  };
}
