import type { ServiceDeps } from '../ports.js';
import { buildDigest } from './build-digest.js';

export type PostedDigest = { channel: string; ts: string; localDate: string; quiet: boolean; chart: boolean };

/**
 * Posts a digest into a channel with chat.postMessage, then its chart through the files upload
 * flow. A chart that fails to render or upload is logged; the digest itself has been posted.
 * Quiet days get no chart.
 */
export async function postDigest(
  deps: ServiceDeps,
  channel: string,
  timeZone: string,
): Promise<PostedDigest> {
  const built = await buildDigest(deps, timeZone);
  const posted = await deps.notifier.post(channel, {
    text: built.message.text,
    blocks: built.message.blocks,
  });
  let chart = false;
  if (!built.model.quiet) {
    try {
      const bytes = await deps.chart.renderSpendChart(built.chart, built.chartTitle);
      await deps.notifier.uploadFile(channel, {
        filename: `podwarden-spend-${built.localDate}.png`,
        title: built.chartTitle,
        bytes,
        altText: `Bar chart of GPU spend per day for the last 14 days, stacked by owner, with the idle share in a paler shade.`,
      });
      chart = true;
    } catch (error) {
      deps.logger.error({ channel, err: error }, 'digest chart failed; the digest text was posted');
    }
  }
  return {
    channel: posted.channel,
    ts: posted.ts,
    localDate: built.localDate,
    quiet: built.model.quiet,
    chart,
  };
}
