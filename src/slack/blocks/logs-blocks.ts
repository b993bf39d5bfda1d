import { escapeMrkdwn, inlineCode, truncate } from '../../lib/escape.js';
import type { PodLogsAnswer } from '../../services/access-service.js';
import type { Reply } from '../context.js';
import { context, section } from './block-kit.js';

const maskedNote = (masked: number): string =>
  masked === 0 ? '' : ` ${masked} secret-looking ${masked === 1 ? 'value was' : 'values were'} masked.`;

/** `/pod logs`: the lines in a code block, or where the file went; always only for the asker. */
export function buildLogsReply(answer: PodLogsAnswer): Reply {
  const pod = inlineCode(answer.podName);
  if (answer.delivery === 'file') {
    const text = `The last ${answer.count} lines of ${pod}'s log are too long for a message: podwarden sent them to you as a file in your DM with the app.${maskedNote(answer.masked)}`;
    return { text, blocks: [section(text)] };
  }
  if (answer.count === 0) {
    const text = `${pod}'s container log is empty (RunPod returned no lines).`;
    return { text, blocks: [section(text)] };
  }
  const head = `The last ${answer.count} ${answer.count === 1 ? 'line' : 'lines'} of ${pod}'s container log:`;
  // Escaping may lengthen the text; the fences must survive the section's 3,000 characters.
  const body = truncate(escapeMrkdwn(answer.lines.join('\n')).replace(/```/g, 'ˋˋˋ'), 2_990);
  return {
    text: head,
    blocks: [
      section(head),
      section(`\`\`\`${body}\`\`\``),
      context([
        `Only you see this.${maskedNote(answer.masked)} More: \`/pod logs ${escapeMrkdwn(answer.podName)} 500\``,
      ]),
    ],
  };
}
