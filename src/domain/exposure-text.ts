import { inlineCode } from '../lib/escape.js';
import type { PodExposure } from './credential-exposure.js';

const names = (list: readonly string[]): string => list.map(inlineCode).join(', ');

/** One pod's findings, by variable name only. */
export function exposureText(pod: PodExposure): string {
  const parts = pod.openNotebooks.map(
    (n) =>
      `${n.app} on public port ${n.port} has no password${pod.running ? '' : ' when the pod runs'} (set ${names(n.passwordEnv).replace(/, (?=[^,]*$)/, ' or ')})`,
  );
  if (pod.plainCredentials.length > 0) {
    parts.push(
      `plain-text ${pod.plainCredentials.length === 1 ? 'credential' : 'credentials'} in its environment: ${names(pod.plainCredentials)} (use \`{{ RUNPOD_SECRET_… }}\` references)`,
    );
  }
  return parts.join('; ');
}
