import type { MessageMetadata, ServiceDeps } from '../ports.js';
import { type BuiltDigest, buildDigest } from './build-digest.js';

export type PostedDigest = { channel: string; ts: string; localDate: string; quiet: boolean; chart: boolean };

/** Slack message metadata naming a scheduled digest: the channel and the local date it is for. */
export const DIGEST_EVENT_TYPE = 'podwarden_digest';

export const digestMetadata = (channel: string, localDate: string): MessageMetadata => ({
  eventType: DIGEST_EVENT_TYPE,
  payload: { channel, date: localDate },
});

/**
 * Shares the digest's chart in the channel through the files upload flow, after its text. A chart
 * that fails to render or upload is logged; the digest itself has been posted. Quiet days get no
 * chart. True when the chart was shared.
 */
export async function shareDigestChart(
  deps: ServiceDeps,
  channel: string,
  built: BuiltDigest,
): Promise<boolean> {
  if (built.model.quiet) return false;
  try {
    const bytes = await deps.chart.renderSpendChart(built.chart, built.chartTitle);
    await deps.notifier.uploadFile(channel, {
      filename: `podwarden-spend-${built.localDate}.png`,
      title: built.chartTitle,
      bytes,
      altText: `Bar chart of GPU spend per day for the last 14 days, stacked by owner, with the idle share in a paler shade.`,
    });
    return true;
  } catch (error) {
    deps.logger.error({ channel, err: error }, 'digest chart failed; the digest text was posted');
    return false;
  }
}

/** Posts a digest into a channel with chat.postMessage, then its chart (`/pod digest now`). */
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
  const chart = await shareDigestChart(deps, channel, built);
  return {
    channel: posted.channel,
    ts: posted.ts,
    localDate: built.localDate,
    quiet: built.model.quiet,
    chart,
  };
}
