/**
 * Slack mrkdwn treats `&`, `<` and `>` as control characters: `<!channel>` pings everyone and
 * `<@U123>` pings a person. Any text that comes from users or from RunPod (pod names, reasons,
 * RunPod's error messages) goes through here before it lands in a message.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code that cannot be broken out of: backticks inside become a look-alike. */
export function inlineCode(text: string): string {
  const safe = escapeMrkdwn(text).replace(/`/g, 'ˋ');
  return safe.length > 0 ? `\`${safe}\`` : '` `';
}

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
