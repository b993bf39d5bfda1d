import { slackDate } from '../../lib/slack-date.js';
import type { Reply } from '../context.js';
import { type Block, context, fallbackText } from './block-kit.js';
import { mention } from './format.js';

const isButton = (element: unknown): boolean =>
  typeof element === 'object' && element !== null && (element as { type?: unknown }).type === 'button';

/**
 * A shared message after someone acted on it: everything it said stays, its buttons go, and one
 * context line says what happened since (the details follow in its thread).
 */
export function keepWithNote(original: Reply, note: string): Reply {
  const kept = (original.blocks ?? [])
    .filter((block) => block.type !== 'actions')
    .map((block) => {
      if (!isButton(block.accessory)) return block;
      const { accessory: _button, ...rest } = block;
      return rest as Block;
    });
  return {
    text: fallbackText(`${original.text} (${note.replace(/<[^>]*\|([^>]*)>/g, '$1')})`),
    blocks: [...kept, context([note])],
  };
}

/** `:arrow_forward: Resumed by @bob today 2:40 PM — see the thread.` */
export const resumedNote = (actor: string, at: Date, timeZone: string): string =>
  `:arrow_forward: Resumed by ${mention(actor)} ${slackDate(at, at, timeZone)}, see the thread.`;
