import { inlineCode } from '../lib/escape.js';
import { formatUsd, formatUsdPerHour } from './cost-format.js';
import type { EndpointSpend, ServerlessReport, ServerlessUnavailable } from './serverless.js';

/** Lists longer than this end with "and N more" (as the digest's other lists). */
const LIST_MAX = 10;

const REASONS: Record<ServerlessUnavailable['reason'], string> = {
  auth: "RunPod's REST API, where podwarden reads them, refused the API key",
  unreachable: "RunPod's REST API, where podwarden reads them, is not answering",
  rejected: "RunPod's REST API answered in a way podwarden could not read",
};

/** The one line a report carries when serverless could not be read. */
export const serverlessUnavailableLine = (report: ServerlessUnavailable): string =>
  `Serverless endpoints not included: ${REASONS[report.reason]}.`;

const workersWord = (n: number): string => `${n} always-on ${n === 1 ? 'worker' : 'workers'}`;

function alwaysOnText(e: EndpointSpend): string {
  if (e.workersMin <= 0) return '';
  if (e.alwaysOnUsdPerDay === null || e.perGpuHourUsd === null)
    return ` · ${workersWord(e.workersMin)}, cost a day unknown (no price for its GPUs)`;
  const gpus = Math.max(1, e.gpuCount);
  return ` · ${workersWord(e.workersMin)} ≈ ${formatUsd(e.alwaysOnUsdPerDay)} a day (estimate: ${e.workersMin} × ${gpus} GPU × ${formatUsdPerHour(e.perGpuHourUsd)} × 24 h)`;
}

/** `• \`sdxl-api\` $12.40 · 2 always-on workers ≈ $33.12 a day (estimate: …)`. */
export function endpointLine(e: EndpointSpend): string {
  const name = e.gone ? `${inlineCode(e.name)} (deleted)` : inlineCode(e.name);
  return `• ${name} ${formatUsd(e.billedUsd)}${alwaysOnText(e)}`;
}

/**
 * The serverless part of a report: a title line with the billed total, one line per endpoint, and
 * a word on always-on workers when there are any. Empty when there is nothing to say.
 */
export function serverlessLines(report: ServerlessReport | null | undefined, title: string): string[] {
  if (!report) return [];
  if (report.kind === 'unavailable') return [serverlessUnavailableLine(report)];
  if (report.endpoints.length === 0) return [];
  const lines = [`${title} ${formatUsd(report.totalUsd)} (RunPod billing)`];
  lines.push(...report.endpoints.slice(0, LIST_MAX).map(endpointLine));
  if (report.endpoints.length > LIST_MAX) lines.push(`• … and ${report.endpoints.length - LIST_MAX} more`);
  const alwaysOn = report.endpoints.filter((e) => e.workersMin > 0 && !e.gone);
  if (alwaysOn.length > 0) {
    const perDay = alwaysOn.reduce((sum, e) => sum + (e.alwaysOnUsdPerDay ?? 0), 0);
    const known = alwaysOn.every((e) => e.alwaysOnUsdPerDay !== null);
    lines.push(
      `Always-on workers bill around the clock, requests or not, like an idle pod: ${known ? '' : 'at least '}≈ ${formatUsd(perDay)} a day (an estimate from the GPU price; lower \`workers.min\` on RunPod to stop it).`,
    );
  }
  return lines;
}
