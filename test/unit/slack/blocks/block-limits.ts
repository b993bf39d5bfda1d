/** Test helper: a message or modal must pass the Slack stand-in's Block Kit checker. */
import { expect } from 'vitest';
import { checkMessage, checkView } from '../../../../src/sandbox/slack/check-block-kit.js';

export function expectValidMessage(message: { text: string; blocks?: readonly unknown[] }): void {
  const report = checkMessage(message);
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
}

export function expectValidModal(view: unknown): void {
  expect(checkView(view).errors).toEqual([]);
}

type Node = Record<string, unknown>;

/** Every button in blocks: label, action_id, value. */
export function buttonsOf(blocks: readonly unknown[]): { label: string; actionId: string; value: string }[] {
  const found: { label: string; actionId: string; value: string }[] = [];
  for (const block of blocks as Node[]) {
    const elements =
      block.type === 'actions' ? (block.elements as Node[]) : [block.accessory as Node | undefined];
    for (const element of elements) {
      if (element?.type !== 'button') continue;
      found.push({
        label: String((element.text as Node).text),
        actionId: String(element.action_id),
        value: String(element.value),
      });
    }
  }
  return found;
}

/** All visible text of blocks, joined: what a person reads. */
export function textOf(blocks: readonly unknown[]): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Node;
      if (typeof record.text === 'string') parts.push(record.text);
      for (const [key, value] of Object.entries(record))
        if (key !== 'text' || typeof value !== 'string') walk(value);
    }
  };
  walk(blocks);
  return parts.join('\n');
}

/** The mrkdwn text of blocks only: where `<!channel>` or `<@U…>` would ping (plain_text never does). */
export function mrkdwnOf(blocks: readonly unknown[]): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Node;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') parts.push(record.text);
      for (const value of Object.values(record)) walk(value);
    }
  };
  walk(blocks);
  return parts.join('\n');
}
