import { describe, expect, it } from 'vitest';
import { buildStateValues } from '../../../../src/sandbox/slack/view-state-values.js';

const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
const blocks = [
  {
    type: 'input',
    block_id: 'gpu_block',
    label: { type: 'plain_text', text: 'GPU' },
    element: {
      type: 'static_select',
      action_id: 'gpu',
      options: [
        option('RTX 4090 — $0.69/h', 'NVIDIA GeForce RTX 4090'),
        option('A100 80GB — $1.99/h', 'A100'),
      ],
    },
  },
  {
    type: 'input',
    block_id: 'count_block',
    label: { type: 'plain_text', text: 'GPUs' },
    element: { type: 'number_input', action_id: 'count', is_decimal_allowed: false },
  },
  {
    type: 'input',
    block_id: 'name_block',
    optional: true,
    label: { type: 'plain_text', text: 'Name' },
    element: { type: 'plain_text_input', action_id: 'name' },
  },
  { type: 'section', text: { type: 'mrkdwn', text: 'not an input' } },
];

describe('buildStateValues', () => {
  it("keys values by block_id and action_id with each element's own shape", () => {
    const built = buildStateValues(blocks, { gpu: 'A100 80', count: 2 });
    expect(built.missing).toEqual({});
    expect(built.values).toEqual({
      gpu_block: { gpu: { type: 'static_select', selected_option: option('A100 80GB — $1.99/h', 'A100') } },
      count_block: { count: { type: 'number_input', value: '2' } },
      name_block: { name: { type: 'plain_text_input', value: null } },
    });
  });

  it('finds an option by value as well as by the beginning of its label, and inputs by block_id', () => {
    const built = buildStateValues(blocks, { gpu_block: 'NVIDIA GeForce RTX 4090', count: '1', name: 'ft' });
    expect(built.values.gpu_block?.gpu?.selected_option).toEqual(
      option('RTX 4090 — $0.69/h', 'NVIDIA GeForce RTX 4090'),
    );
    expect(built.values.name_block?.name).toEqual({ type: 'plain_text_input', value: 'ft' });
  });

  it('reports required inputs left empty, as the Slack client would', () => {
    expect(buildStateValues(blocks, { gpu: 'A100' }).missing).toEqual({
      count_block: 'Please fill out this field.',
    });
  });

  it('throws on a name that matches no input, and on an option the select does not offer', () => {
    expect(() => buildStateValues(blocks, { gpu: 'A100', count: 1, colour: 'red' })).toThrow(/colour/);
    expect(() => buildStateValues(blocks, { gpu: 'H100', count: 1 })).toThrow(/no option "H100"/);
  });
});
