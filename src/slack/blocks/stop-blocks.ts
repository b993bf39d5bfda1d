import { STOPPED_VOLUME_USD_PER_GB_MONTH } from '../../domain/cost-rates.js';
import { escapeMrkdwn, truncate } from '../../lib/escape.js';
import type { StopOutcome } from '../../services/pod-service.js';
import type { Reply } from '../context.js';
import { actions, type Block, context, fallbackText, section } from './block-kit.js';
import { mention, podLabel, statusText, usd } from './format.js';
import { resumeButton } from './pod-buttons.js';

/** What stopping a RunPod pod means, in plain words (PRODUCT.md §1). */
export function stopExplanation(volumeInGb: number | null, mountPath: string | null): string {
  const volume =
    volumeInGb !== null && volumeInGb > 0
      ? `The volume (\`${escapeMrkdwn(mountPath ?? '/workspace')}\`, ${volumeInGb} GB) is kept and still billed, about ${usd(volumeInGb * STOPPED_VOLUME_USD_PER_GB_MONTH)} a month.`
      : 'The volume (`/workspace`) is kept and still billed while the pod exists.';
  return `The container disk is wiped: anything outside \`/workspace\` is gone. ${volume} On resume the same GPU may not be free; \`/pod resume\` explains what to do then.`;
}

/** The one context line on every stop after a person's first: the container disk, the volume's bill. */
export function stopLine(volumeInGb: number | null): string {
  const bill =
    volumeInGb !== null && volumeInGb > 0
      ? `, ${volumeInGb} GB, about ${usd(volumeInGb * STOPPED_VOLUME_USD_PER_GB_MONTH)} a month`
      : '';
  return `Container disk wiped; the volume is kept and billed${bill}. \`/pod help\` says more.`;
}

/** The reply after a stop: who stopped what and why, the real state, what it means, and Resume. */
export function buildStopReply(outcome: StopOutcome, actor: string): Reply {
  const { pod, reason } = outcome;
  const why = reason ? ` — “${escapeMrkdwn(truncate(reason, 300))}”` : '';
  const headline = `${mention(actor)} stopped ${podLabel(pod)}${why}`;
  const state = !outcome.confirmed
    ? 'RunPod accepted the stop; podwarden could not read the pod back yet, so check `/pod status` in a moment.'
    : pod.status === 'EXITED'
      ? `RunPod now reports it as ${statusText(pod.status)}.`
      : `RunPod accepted the stop but still reports it as ${statusText(pod.status)}; it may take a moment.`;
  const blocks: Block[] = [section(`${headline}\n${state}`)];
  if (outcome.firstStopByActor) {
    blocks.push(
      section(`${mention(actor)}, said once: ${stopExplanation(pod.volumeInGb, pod.volumeMountPath)}`),
    );
  } else {
    blocks.push(context([stopLine(pod.volumeInGb)]));
  }
  if (outcome.recoveredFrom) {
    blocks.push(
      context([
        `RunPod answered with an error (“${escapeMrkdwn(truncate(outcome.recoveredFrom, 200))}”), but the pod did stop.`,
      ]),
    );
  }
  blocks.push(actions([resumeButton(pod)]));
  return { text: fallbackText(`${headline}. Container disk wiped, volume kept and billed.`), blocks };
}
