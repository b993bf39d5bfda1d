import { describe, expect, it } from 'vitest';
import { checkMessage, checkView } from '../../../../src/sandbox/slack/check-block-kit.js';

const section = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
  ...extra,
});
const button = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: `a_${text}`,
  ...extra,
});
const actions = (elements: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'actions',
  elements,
  ...extra,
});
const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Terminate pod' },
  blocks: [],
  ...extra,
});

describe('checkMessage', () => {
  it('accepts a typical podwarden message', () => {
    const report = checkMessage({
      text: 'llama-ft stopped',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Pods' } },
        section('*llama-ft* is idle', { fields: [{ type: 'mrkdwn', text: '*GPU* 0 %' }] }),
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'asked by <@U01ADA>' }] },
        actions([
          button('Resume', { style: 'primary', value: 'pod-1' }),
          button('Stop', { style: 'danger' }),
        ]),
      ],
    });
    expect(report).toEqual({ errors: [], warnings: [] });
  });

  it('rejects more than 50 blocks in a message, pointing at the blocks', () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(checkMessage({ text: 'x', blocks }).errors).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
    expect(checkMessage({ text: 'x', blocks: blocks.slice(0, 50) }).errors).toEqual([]);
  });

  it('limits section text to 3000 and fields to 10 × 2000', () => {
    expect(checkMessage({ text: 'x', blocks: [section('a'.repeat(3001))] }).errors).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(checkMessage({ text: 'x', blocks: [section('a'.repeat(3000))] }).errors).toEqual([]);
    const fields = (count: number, length: number) =>
      Array.from({ length: count }, () => ({ type: 'mrkdwn', text: 'f'.repeat(length) }));
    expect(checkMessage({ text: 'x', blocks: [{ type: 'section', fields: fields(11, 5) }] }).errors).toEqual([
      '[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/fields]',
    ]);
    expect(
      checkMessage({ text: 'x', blocks: [{ type: 'section', fields: fields(2, 2001) }] }).errors,
    ).toHaveLength(2);
  });

  it('limits a header to 150 plain-text characters', () => {
    const header = (text: string, type = 'plain_text') => ({ type: 'header', text: { type, text } });
    expect(checkMessage({ text: 'x', blocks: [header('h'.repeat(151))] }).errors).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(checkMessage({ text: 'x', blocks: [header('*bold*', 'mrkdwn')] }).errors).toEqual([
      '[ERROR] must be one of plain_text [json-pointer:/blocks/0/text/type]',
    ]);
  });

  it('limits buttons: text 75, value 2000, action_id 255, style primary or danger', () => {
    const errors = checkMessage({
      text: 'x',
      blocks: [
        actions([
          button('b'.repeat(76)),
          button('ok', { value: 'v'.repeat(2001), action_id: 'i'.repeat(256) }),
          button('styled', { style: 'warning' }),
        ]),
      ],
    }).errors;
    expect(errors).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/1/action_id]',
      '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/elements/1/value]',
      '[ERROR] must be one of primary, danger [json-pointer:/blocks/0/elements/2/style]',
    ]);
  });

  it('requires unique block_ids in a message and unique action_ids in a block', () => {
    const errors = checkMessage({
      text: 'x',
      blocks: [
        actions([button('Stop', { action_id: 'pod_stop' }), button('Stop 2', { action_id: 'pod_stop' })], {
          block_id: 'row',
        }),
        actions([button('Stop', { action_id: 'pod_stop' })], { block_id: 'row' }),
        actions([button('Resume')], { block_id: 'r'.repeat(256) }),
      ],
    }).errors;
    expect(errors).toEqual([
      '[ERROR] action_id pod_stop is not unique in its block [json-pointer:/blocks/0/elements/1/action_id]',
      '[ERROR] block_id row is not unique [json-pointer:/blocks/1/block_id]',
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/2/block_id]',
    ]);
  });

  it('allows 10 context elements and 25 actions, not more', () => {
    const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'mrkdwn', text: `t${i}` }));
    const buttons = (n: number) => Array.from({ length: n }, (_, i) => button(`b${i}`));
    expect(checkMessage({ text: 'x', blocks: [{ type: 'context', elements: texts(10) }] }).errors).toEqual(
      [],
    );
    expect(checkMessage({ text: 'x', blocks: [{ type: 'context', elements: texts(11) }] }).errors).toEqual([
      '[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/elements]',
    ]);
    expect(checkMessage({ text: 'x', blocks: [actions(buttons(25))] }).errors).toEqual([]);
    expect(checkMessage({ text: 'x', blocks: [actions(buttons(26))] }).errors).toEqual([
      '[ERROR] no more than 25 items allowed [json-pointer:/blocks/0/elements]',
    ]);
  });

  it('rejects unknown block types and empty texts', () => {
    expect(checkMessage({ text: 'x', blocks: [{ type: 'table' }, section('')] }).errors).toEqual([
      '[ERROR] unsupported type: table [json-pointer:/blocks/0/type]',
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/1/text/text]',
    ]);
  });

  it('warns, without rejecting, when blocks come without fallback text', () => {
    const report = checkMessage({ blocks: [section('hello')] });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      '[WARN] missing_text: top-level text is the notification and screen-reader fallback',
    ]);
    expect(checkMessage({ text: 'plain only' }).warnings).toEqual([]);
  });
});

describe('checkView', () => {
  it('accepts a modal with inputs, submit and close', () => {
    const view = modal({
      submit: { type: 'plain_text', text: 'Terminate' },
      close: { type: 'plain_text', text: 'Cancel' },
      private_metadata: '{"pod":"abc"}',
      blocks: [
        {
          type: 'input',
          block_id: 'name',
          label: { type: 'plain_text', text: 'Type the pod name' },
          element: { type: 'plain_text_input', action_id: 'name' },
        },
      ],
    });
    expect(checkView(view)).toEqual({ errors: [], warnings: [] });
  });

  it('limits modal title, submit and close to 24 characters and private_metadata to 3000', () => {
    const errors = checkView(
      modal({
        title: { type: 'plain_text', text: 't'.repeat(25) },
        submit: { type: 'plain_text', text: 's'.repeat(25) },
        close: { type: 'plain_text', text: 'c'.repeat(25) },
        private_metadata: 'm'.repeat(3001),
      }),
    ).errors;
    expect(errors).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
      '[ERROR] must be less than 25 characters [json-pointer:/view/submit/text]',
      '[ERROR] must be less than 25 characters [json-pointer:/view/close/text]',
      '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
    ]);
  });

  it('requires submit when the modal has inputs, and allows 100 blocks but not 101', () => {
    const input = {
      type: 'input',
      label: { type: 'plain_text', text: 'Name' },
      element: { type: 'plain_text_input', action_id: 'n' },
    };
    expect(checkView(modal({ blocks: [input] })).errors).toEqual([
      '[ERROR] must provide submit when the view has input blocks [json-pointer:/view/submit]',
    ]);
    const dividers = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(checkView(modal({ blocks: dividers(100) })).errors).toEqual([]);
    expect(checkView({ type: 'home', blocks: dividers(101) }).errors).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
    ]);
  });

  it('checks select options: label 75, value 150', () => {
    const errors = checkView(
      modal({
        submit: { type: 'plain_text', text: 'Deploy' },
        blocks: [
          {
            type: 'input',
            label: { type: 'plain_text', text: 'GPU' },
            element: {
              type: 'static_select',
              action_id: 'gpu',
              options: [{ text: { type: 'plain_text', text: 'o'.repeat(76) }, value: 'v'.repeat(151) }],
            },
          },
        ],
      }),
    ).errors;
    expect(errors).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/view/blocks/0/element/options/0/text/text]',
      '[ERROR] must be less than 151 characters [json-pointer:/view/blocks/0/element/options/0/value]',
    ]);
  });
});
