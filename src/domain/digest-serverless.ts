import { formatUsd } from './cost-format.js';
import type { DigestModel } from './digest-model.js';
import type { ServerlessReport } from './serverless.js';
import { serverlessLines } from './serverless-text.js';

/**
 * The digest with yesterday's serverless spend; null (not readable here at all): unchanged. A day
 * with serverless spend or always-on workers is not a quiet one.
 */
export function withServerless(model: DigestModel, report: ServerlessReport | null): DigestModel {
  if (report === null) return model;
  const busy = report.kind === 'ok' && report.endpoints.length > 0;
  return { ...model, serverless: report, quiet: model.quiet && !busy };
}

/**
 * "Serverless endpoints, yesterday": RunPod's billed amount per endpoint, the always-on workers
 * with their estimated cost a day, and pods and serverless together; one plain line when serverless
 * could not be read; nothing when the account has no endpoints and no serverless billing.
 */
export function serverlessSection(model: DigestModel): string[] {
  const report = model.serverless;
  const lines = serverlessLines(report, '*Serverless endpoints, yesterday:*');
  if (lines.length === 0) return [];
  if (report?.kind === 'ok') {
    lines.push(
      `*Pods and serverless together, yesterday:* ${formatUsd(model.yesterday.totalUsd + report.totalUsd)}`,
    );
  }
  return [lines.join('\n')];
}
