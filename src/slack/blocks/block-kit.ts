/**
 * Tiny constructors for the Block Kit pieces podwarden uses, each cutting its text to Slack's
 * limits (slack-platform.md §4) so that a long pod name or reason can never make a post fail.
 */
import { truncate } from '../../lib/escape.js';

export type Block = Record<string, unknown>;

export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  optionText: 75,
  optionValue: 150,
  modalTitle: 24,
  privateMetadata: 3000,
  messageText: 3900,
} as const;

const mrkdwn = (text: string, max: number) => ({ type: 'mrkdwn', text: truncate(text, max) || ' ' });
export const plain = (text: string, max: number = LIMITS.sectionText) => ({
  type: 'plain_text',
  text: truncate(text, max) || ' ',
  emoji: true,
});

export function section(text: string, accessory?: Block, blockId?: string): Block {
  return {
    type: 'section',
    text: mrkdwn(text, LIMITS.sectionText),
    ...(accessory ? { accessory } : {}),
    ...(blockId ? { block_id: blockId } : {}),
  };
}

export function fields(items: readonly string[]): Block {
  return {
    type: 'section',
    fields: items.slice(0, LIMITS.fields).map((item) => mrkdwn(item, LIMITS.fieldText)),
  };
}

export const header = (text: string): Block => ({ type: 'header', text: plain(text, LIMITS.header) });

export const divider = (): Block => ({ type: 'divider' });

export function context(items: readonly string[]): Block {
  return {
    type: 'context',
    elements: items.slice(0, LIMITS.contextElements).map((item) => mrkdwn(item, LIMITS.sectionText)),
  };
}

export type Confirm = {
  title: string;
  text: string;
  confirm: string;
  deny: string;
  style?: 'primary' | 'danger';
};

export function button(options: {
  text: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: Confirm;
}): Block {
  return {
    type: 'button',
    text: plain(options.text, LIMITS.buttonText),
    action_id: options.actionId,
    value: options.value.slice(0, LIMITS.buttonValue),
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm
      ? {
          confirm: {
            title: plain(options.confirm.title, 100),
            text: plain(options.confirm.text, 300),
            confirm: plain(options.confirm.confirm, 30),
            deny: plain(options.confirm.deny, 30),
            ...(options.confirm.style ? { style: options.confirm.style } : {}),
          },
        }
      : {}),
  };
}

export const actions = (elements: readonly Block[], blockId?: string): Block => ({
  type: 'actions',
  elements: elements.slice(0, 25),
  ...(blockId ? { block_id: blockId } : {}),
});

export const option = (text: string, value: string) => ({
  text: plain(text, LIMITS.optionText),
  value: value.slice(0, LIMITS.optionValue),
});

/** Keeps a message within 50 blocks: the last kept block says how many were left out. */
export function capBlocks(blocks: readonly Block[], max: number = LIMITS.blocksPerMessage): Block[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, context([`…and ${blocks.length - kept.length} more blocks not shown.`])];
}

/** The notification text of a message (the fallback for screen readers and notifications). */
export const fallbackText = (text: string): string => truncate(text, LIMITS.messageText);
