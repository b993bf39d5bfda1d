/**
 * Slack treats `<…>` in mrkdwn as a control sequence everywhere, code spans included, and asks
 * that every other `&`, `<` and `>` be sent as `&amp;`, `&lt;`, `&gt;`. This finds the ones that
 * slipped through: a literal bracket that is not one of Slack's sequences, or a bare `&`.
 */
const CONTROL = [
  /^<@[UW][A-Z0-9]+(?:\|[^<>]*)?>/,
  /^<#[CGD][A-Z0-9]+(?:\|[^<>]*)?>/,
  /^<!subteam\^[A-Z0-9]+(?:\|[^<>]*)?>/,
  /^<!(?:here|channel|everyone)(?:\|[^<>]*)?>/,
  /^<!date\^\d+\^[^|<>]+(?:\^[^|<>]+)?\|[^<>]+>/,
  /^<(?:https?:\/\/|mailto:)[^|<>\s]+(?:\|[^<>]*)?>/,
];

const ENTITY = /^&(?:amp|lt|gt);/;

/** The offending pieces of `text` (empty when it is safe to send as mrkdwn). */
export function unescapedMrkdwn(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const rest = text.slice(i);
    if (char === '<') {
      const control = CONTROL.map((pattern) => pattern.exec(rest)?.[0]).find(Boolean);
      if (control) {
        i += control.length;
        continue;
      }
      found.push(rest.slice(0, 24));
    } else if (char === '>') {
      found.push(text.slice(Math.max(0, i - 16), i + 1));
    } else if (char === '&' && !ENTITY.test(rest)) {
      found.push(rest.slice(0, 24));
    }
    i += 1;
  }
  return found;
}
