import { inlineCode } from '../lib/escape.js';
import { toLocal } from '../lib/time-zone.js';
import type { PodExposure } from './credential-exposure.js';
import type { DigestModel } from './digest-model.js';
import { exposureText } from './exposure-text.js';

/** Lists longer than this end with "and N more" (as the digest's other lists). */
const LIST_MAX = 10;

/** The exposure check runs in the digest of Mondays (the channel's local day): once a week. */
export function isExposureDay(now: Date, timeZone: string): boolean {
  const local = toLocal(now, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() === 1;
}

/** What the weekly check found: the exposed pods, or that RunPod's pod list could not be read. */
export type ExposureFindings = { kind: 'ok'; pods: PodExposure[] } | { kind: 'unavailable' };

/** The digest with the week's exposure findings (never a quiet one then); nothing found: unchanged. */
export const withExposure = (model: DigestModel, findings: ExposureFindings | null): DigestModel =>
  findings === null || (findings.kind === 'ok' && findings.pods.length === 0)
    ? model
    : { ...model, exposure: findings, quiet: false };

/** "Exposure check (weekly)": each pod with what it exposes; one line when the check could not run. */
export function exposureSection(model: DigestModel): string[] {
  const found = model.exposure;
  if (!found) return [];
  if (found.kind === 'unavailable')
    return ['*Exposure check (weekly):* skipped: RunPod did not list the pods.'];
  const lines = found.pods.slice(0, LIST_MAX).map((p) => `• ${inlineCode(p.podName)}: ${exposureText(p)}`);
  if (found.pods.length > LIST_MAX) lines.push(`• … and ${found.pods.length - LIST_MAX} more`);
  return [
    [
      `*Exposure check (weekly):* ${found.pods.length} ${found.pods.length === 1 ? 'pod needs' : 'pods need'} a look: a notebook anyone with its proxy link can open, or credentials in plain text (names only here)`,
      ...lines,
    ].join('\n'),
  ];
}
