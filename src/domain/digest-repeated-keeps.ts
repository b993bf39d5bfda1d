import { inlineCode } from '../lib/escape.js';
import { slackDate } from '../lib/slack-date.js';
import { formatUsd } from './cost-format.js';
import type { DigestModel } from './digest-model.js';
import type { RepeatedKeeps } from './repeated-keeps.js';

/** Lists longer than this end with "and N more" (as the digest's other lists). */
const LIST_MAX = 10;

/** The digest with the pods kept again and again while idle, as of `asOf`. */
export const withRepeatedKeeps = (model: DigestModel, asOf: Date, pods: RepeatedKeeps[]): DigestModel =>
  pods.length === 0 ? model : { ...model, repeatedKeeps: { asOf, pods } };

const person = (userId: string): string => `<@${userId}>`;

/** "Kept while idle": one line per pod with its keeps, since when and the idle money under them. */
export function repeatedKeepsSection(model: DigestModel): string[] {
  const kept = model.repeatedKeeps;
  if (!kept || kept.pods.length === 0) return [];
  const lines = kept.pods.slice(0, LIST_MAX).map((k) => {
    const since = slackDate(k.since, kept.asOf, model.timeZone);
    return `• ${inlineCode(k.podName)} kept ${k.count} times since ${since} by ${k.keptBy.map(person).join(', ')}: ${formatUsd(k.idleUsd)} idle under those keeps`;
  });
  if (kept.pods.length > LIST_MAX) lines.push(`• … and ${kept.pods.length - LIST_MAX} more`);
  return [['*Kept while idle* (the keeps stand; worth a look)', ...lines].join('\n')];
}
