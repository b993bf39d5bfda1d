import { describe, expect, it } from 'vitest';
import { findButton, listButtons } from '../../../../src/sandbox/slack/find-button.js';

const button = (text: string, action_id: string, value?: string) => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id,
  ...(value ? { value } : {}),
});

const blocks = [
  {
    type: 'section',
    block_id: 's1',
    text: { type: 'mrkdwn', text: 'llama-ft' },
    accessory: button('Stop', 'pod_stop', 'p1'),
  },
  {
    type: 'section',
    block_id: 's2',
    text: { type: 'mrkdwn', text: 'sd-xl' },
    accessory: button('Resume', 'pod_resume', 'p2'),
  },
  {
    type: 'actions',
    block_id: 'a1',
    elements: [
      button('Stop now', 'idle_stop_now'),
      button('Keep 1 h', 'idle_keep_1h'),
      button('Keep 4 h', 'idle_keep_4h'),
    ],
  },
];

describe('findButton', () => {
  it('lists buttons in reading order, accessories included', () => {
    expect(listButtons(blocks).map((b) => b.element.action_id)).toEqual([
      'pod_stop',
      'pod_resume',
      'idle_stop_now',
      'idle_keep_1h',
      'idle_keep_4h',
    ]);
  });

  it('finds by the beginning of the visible label, case-insensitively, or by action_id', () => {
    expect(findButton(blocks, { label: 'keep 4' })?.element.action_id).toBe('idle_keep_4h');
    expect(findButton(blocks, { label: 'Stop now' })?.blockId).toBe('a1');
    expect(findButton(blocks, { actionId: 'pod_resume' })?.blockId).toBe('s2');
  });

  it('narrows by value and returns null when nothing matches', () => {
    expect(findButton(blocks, { label: 'Stop', value: 'p1' })?.blockId).toBe('s1');
    expect(findButton(blocks, { label: 'Claim' })).toBeNull();
  });
});
