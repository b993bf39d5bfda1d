import { describeIdleRule } from '../../domain/idle-evidence.js';
import { formatDuration } from '../../lib/duration.js';
import type { IdleListing, IdlePodView } from '../../services/idle-service.js';
import type { Reply } from '../context.js';
import { type Block, capBlocks, context, fallbackText, section } from './block-kit.js';
import { ownerText, podLabel } from './format.js';
import { usd, whenIn } from './idle-format.js';

/** At most this many pods in one reply; the rest are counted. */
const MAX_PODS = 40;

function status(pod: IdlePodView, listing: IdleListing): string {
  const when = (at: Date) => whenIn(at, listing.now, listing.timeZone);
  if (pod.exempt) return 'exempt from idle-stop';
  if (pod.keptUntil) return `kept until ${when(pod.keptUntil)}`;
  const episode = pod.episode;
  if (episode?.state === 'stopping') return 'being stopped';
  if (episode) {
    if (episode.action === 'ask-then-stop') return `stops at ${when(episode.deadlineAt)} unless kept`;
    if (episode.action === 'dry-run') return `dry run: would stop at ${when(episode.deadlineAt)}`;
    return `asked; answer by ${when(episode.deadlineAt)}`;
  }
  if (pod.ownerId === null) return 'unowned: nobody to ask, never stopped automatically';
  return 'prompt on its way';
}

/** `/pod idle`, ephemeral: pods idle now with owner, idle time, idle dollars and what happens next. */
export function idleListReply(listing: IdleListing): Reply {
  const rule = describeIdleRule({
    gpuUtilMax: listing.rule.gpuUtilMax,
    windowMs: listing.rule.windowMs,
    warmupMs: listing.rule.warmupMs,
  });
  if (listing.pods.length === 0) {
    const text = `No pod is idle right now (idle = ${rule}).`;
    return { text, blocks: [section(text)] };
  }
  const total = listing.pods.reduce((sum, pod) => sum + pod.idleUsd, 0);
  const head = `*${listing.pods.length} idle pod${listing.pods.length === 1 ? '' : 's'}* (${rule}), ${usd(total)} burned while idle so far:`;
  const blocks: Block[] = [section(head)];
  for (const pod of listing.pods.slice(0, MAX_PODS)) {
    blocks.push(
      section(
        `${podLabel({ id: pod.podId, name: pod.podName })} · ${ownerText(pod.ownerId)} · idle ${formatDuration(pod.idleMs)} · ` +
          `*${usd(pod.idleUsd)}* idle (${usd(pod.costPerHr)}/h) · ${status(pod, listing)}`,
      ),
    );
  }
  if (listing.pods.length > MAX_PODS) {
    blocks.push(context([`…and ${listing.pods.length - MAX_PODS} more idle pods.`]));
  }
  return { text: fallbackText(head.replace(/\*/g, '')), blocks: capBlocks(blocks) };
}
