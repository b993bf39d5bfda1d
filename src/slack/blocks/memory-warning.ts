import { formatDuration } from '../../lib/duration.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import { sparkline } from '../../lib/sparkline.js';
import type { MemoryMessages, MemoryWarningView } from '../../services/memory-service.js';
import type { OutgoingMessage } from '../../services/ports.js';
import { context, percent, section } from './idle-format.js';

/** Slack shows at most this many sparkline characters comfortably on one line. */
const SPARK_WIDTH = 60;

const WHAT: Record<MemoryWarningView['which'], string> = {
  gpu: 'GPU memory',
  container: 'container memory (RAM)',
};

/**
 * The warning before an out-of-memory crash: which memory, how full and for how long, the last
 * hour of both as sparklines, and what to do. podwarden stops nothing because of it.
 */
export function memoryWarningMessage(view: MemoryWarningView): OutgoingMessage {
  const pod = inlineCode(view.podName);
  const what = WHAT[view.which];
  const now = view.which === 'gpu' ? view.gpuPercent : view.containerPercent;
  const forHow = formatDuration(view.now.getTime() - view.highSince.getTime());
  const whose = view.audience === 'owner' ? `Your pod ${pod}` : `Pod ${pod} (no owner)`;
  const intro = `:warning: ${whose} has had its ${what} at or above ${view.pct} % for *${forHow}* (${percent(now)} now): it may soon run out of memory and crash.`;
  const series = [
    `*GPU memory* (last hour, fullest GPU): \`${sparkline(view.gpuSeries.slice(-SPARK_WIDTH)) || '·'}\` now ${percent(view.gpuPercent)}`,
    `*Container memory*: \`${sparkline(view.containerSeries.slice(-SPARK_WIDTH)) || '·'}\` now ${percent(view.containerPercent)}`,
  ].join('\n');
  const advice =
    'Save a checkpoint now; a smaller batch size, gradient checkpointing or a GPU with more memory leaves headroom. podwarden stops nothing because of this, and warns once until the memory has come down.';
  return {
    text: `${escapeMrkdwn(view.podName)}: ${what} at or above ${view.pct} % for ${forHow} (${percent(now)} now); it may soon run out of memory.`,
    blocks: [section(intro), section(series), context(advice)],
  };
}

export const memoryMessages: MemoryMessages = { warning: memoryWarningMessage };
