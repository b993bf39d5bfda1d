import { formatDuration } from '../lib/duration.js';
import { inlineCode } from '../lib/escape.js';
import { formatUsd } from './cost-format.js';
import type { DigestModel } from './digest-model.js';
import type { LongStoppedPod } from './stopped-nudge.js';

/** Lists longer than this end with "and N more" (as the digest's other lists). */
const LIST_MAX = 10;

/** The digest with its pods stopped longer than STOPPED_NUDGE_AFTER. */
export const withLongStopped = (model: DigestModel, afterMs: number, pods: LongStoppedPod[]): DigestModel =>
  pods.length === 0 ? model : { ...model, longStopped: { afterMs, pods } };

const owner = (ownerId: string | null): string => (ownerId ? `<@${ownerId}>` : '_unowned_');

/** "Stopped longer than 7 d": each pod with how long and its storage per month; none: nothing. */
export function longStoppedSection(model: DigestModel): string[] {
  const long = model.longStopped;
  if (!long || long.pods.length === 0) return [];
  const perMonth = long.pods.reduce((total, p) => total + p.usdPerMonth, 0);
  const lines = long.pods.slice(0, LIST_MAX).map((p) => {
    const stopped = `${p.sinceExact ? '' : 'at least '}${formatDuration(p.stoppedMs)}`;
    const cost =
      p.volumeInGb > 0 ? `${p.volumeInGb} GB volume, ${formatUsd(p.usdPerMonth)} a month` : 'no volume';
    return `• ${inlineCode(p.podName)} (${owner(p.ownerId)}) stopped ${stopped}, ${cost}`;
  });
  if (long.pods.length > LIST_MAX) lines.push(`• … and ${long.pods.length - LIST_MAX} more`);
  return [
    [
      `*Stopped longer than ${formatDuration(long.afterMs)}:* ${formatUsd(perMonth)} a month in storage; terminate what nobody needs`,
      ...lines,
    ].join('\n'),
  ];
}
