/**
 * Log lines can carry credentials a script printed. Before a line reaches Slack, values that look
 * like secrets are replaced: assignments to names like *_KEY, *TOKEN*, *SECRET*, *PASSWORD*, and
 * well-known token shapes (Hugging Face, OpenAI, Slack, GitHub, AWS, RunPod, JWTs, Bearer headers).
 */
export const MASK = '[masked]';

const NAMED =
  /\b([A-Za-z0-9_.-]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIALS?)[A-Za-z0-9_.-]*)(\s*[=:]\s*|"\s*:\s*")(["']?)([^\s"',;]{4,})/gi;

const SHAPES: readonly RegExp[] = [
  /\bhf_[A-Za-z0-9]{20,}\b/g,
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  /\bxapp-[A-Za-z0-9-]{10,}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\brpa_[A-Za-z0-9]{20,}\b/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/g,
];

/** The line with secret-looking values replaced by [masked]; `masked` counts the replacements. */
export function maskSecrets(line: string): { text: string; masked: number } {
  let masked = 0;
  let text = line.replace(NAMED, (_all, name: string, sep: string, quote: string) => {
    masked++;
    return `${name}${sep}${quote}${MASK}`;
  });
  for (const shape of SHAPES) {
    text = text.replace(shape, (all: string, prefix?: string) => {
      if (all.includes(MASK)) return all;
      masked++;
      return typeof prefix === 'string' && /^Bearer/i.test(prefix) ? `${prefix}${MASK}` : MASK;
    });
  }
  return { text, masked };
}
