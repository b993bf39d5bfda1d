import { describeIdleDecision, describeIdleRule } from '../../domain/idle-evidence.js';
import type { RepeatedKeeps } from '../../domain/repeated-keeps.js';
import { formatDuration } from '../../lib/duration.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import { slackDate } from '../../lib/slack-date.js';
import { sparkline } from '../../lib/sparkline.js';
import { formatLocalTime } from '../../lib/time-zone.js';
import type { PromptView } from '../../services/idle-service.js';
import type { OutgoingMessage } from '../../services/ports.js';
import { ActionId } from '../action-ids.js';
import {
  actions,
  type ButtonSpec,
  context,
  mention,
  percent,
  STOP_WARNING,
  section,
  usd,
  whenIn,
  whenShort,
} from './idle-format.js';

/** The block id of the prompt's buttons. */
export const IDLE_PROMPT_ACTIONS = 'idle_prompt_actions';

/** Slack shows at most this many sparkline characters comfortably on one line. */
const SPARK_WIDTH = 60;

/**
 * The idle prompt: evidence (GPU util sparkline over the window, GPU memory, CPU, uptime, $ burned
 * idle, the rule that fired), the deadline in the reader's zone, what a stop means on RunPod, and the
 * answer buttons. Owned pods get Stop now · Keep 1 h · Keep 4 h · Keep until 09:00; unowned ones
 * Stop now · Keep 1 h · Claim.
 */
export function idlePromptMessage(view: PromptView): OutgoingMessage {
  const { evidence: e, now, timeZone } = view;
  const pod = inlineCode(view.podName);
  const idleFor = formatDuration(e.idleMs);
  const deadline = whenIn(view.deadlineAt, now, timeZone);
  const unowned = view.ownerId === null;

  const intro = unowned
    ? `:zzz: Pod ${pod} has *no owner* and has been idle for *${idleFor}* (${describeIdleRule(e.rule)}). It costs ${usd(e.costPerHr)}/h.`
    : view.audience === 'owner'
      ? `:zzz: Your pod ${pod} has been idle for *${idleFor}* (${describeIdleRule(e.rule)}). It costs ${usd(e.costPerHr)}/h.`
      : `:zzz: Pod ${pod} of ${mention(view.ownerId ?? '')} has been idle for *${idleFor}* (${describeIdleRule(e.rule)}). It costs ${usd(e.costPerHr)}/h.`;

  const series = e.gpuUtil.slice(-SPARK_WIDTH);
  const peak = series.length > 0 ? Math.max(...series) : null;
  const evidence = [
    `*GPU util* (last ${formatDuration(e.rule.windowMs)}, ${e.gpuCount} GPU${e.gpuCount === 1 ? '' : 's'}): \`${sparkline(series) || '·'}\` peak ${percent(peak)}`,
    `*GPU memory* ${percent(e.gpuMemPercent)} · *CPU* ${percent(e.cpuPercent)} · *RAM* ${percent(e.memoryPercent)} · *Uptime* ${formatDuration(e.uptimeMs)}`,
    `*Burned while idle:* ${usd(e.idleUsd)} since ${whenShort(new Date(e.idleSince), now, timeZone)}`,
  ].join('\n');

  const why = describeIdleDecision(e, {
    whose: view.audience === 'owner' ? 'your' : unowned ? 'team' : "the owner's",
    stops: view.action === 'ask-then-stop',
  });
  const claimed = view.claimedBy ? `${mention(view.claimedBy)} claimed it and now owns it.\n` : '';
  const outcome =
    view.action === 'dry-run'
      ? `*Dry run:* podwarden will not stop it. Without an answer it *would stop at ${deadline}*.`
      : view.action === 'ask-only'
        ? `Without an answer by *${deadline}* the idle channel is told; podwarden will not stop it.`
        : `*It stops at ${deadline} unless you keep it.*`;

  const buttons: ButtonSpec[] = [
    { text: 'Stop now', actionId: ActionId.idleStopNow, value: view.episodeId, style: 'danger' },
    { text: 'Keep 1 h', actionId: ActionId.idleKeep1h, value: view.episodeId },
  ];
  if (unowned) {
    buttons.push({ text: 'Claim', actionId: ActionId.idleClaim, value: view.episodeId, style: 'primary' });
  } else {
    buttons.push(
      { text: 'Keep 4 h', actionId: ActionId.idleKeep4h, value: view.episodeId },
      {
        text: `Keep until ${formatLocalTime(view.keepMorningAt, timeZone)}`,
        actionId: ActionId.idleKeepUntil,
        value: view.episodeId,
      },
    );
  }
  const who = unowned
    ? 'Any member or an admin may answer.'
    : `Only the owner or an admin may answer. “Keep until ${formatLocalTime(view.keepMorningAt, timeZone)}” is that time in the owner's zone (${escapeMrkdwn(timeZone)}).`;

  const dryRunTag = view.action === 'dry-run' ? '[dry run] ' : '';
  const text =
    `${dryRunTag}${escapeMrkdwn(view.podName)} has been idle for ${idleFor} and costs ${usd(e.costPerHr)}/h — ` +
    (view.action === 'ask-then-stop'
      ? `stops at ${deadline} unless you keep it.`
      : view.action === 'dry-run'
        ? `would stop at ${deadline} (dry run).`
        : `answer by ${deadline}.`);

  return {
    text,
    blocks: [
      section(intro),
      section(evidence),
      section(`${claimed}*Why now:* ${why}\n${outcome}`),
      actions(IDLE_PROMPT_ACTIONS, buttons),
      ...(view.keeps ? [context(keepsLine(view.keeps, view.ownerId, now, timeZone))] : []),
      context(`${STOP_WARNING} ${who}`),
    ],
  };
}

/**
 * "Kept 3 times since Mon 09:12 (by @ana), $41.20 idle under those keeps": the owner's earlier
 * answers, for the reader to weigh. Keepers other than the owner are named; the owner is implied.
 */
export function keepsLine(keeps: RepeatedKeeps, ownerId: string | null, now: Date, timeZone: string): string {
  const others = keeps.keptBy.filter((by) => by !== ownerId);
  const by = others.length > 0 ? ` (by ${others.map(mention).join(', ')})` : '';
  return `:repeat: Kept ${keeps.count} times since ${slackDate(keeps.since, now, timeZone)}${by}, ${usd(keeps.idleUsd)} idle under those keeps. A keep is always honoured.`;
}
