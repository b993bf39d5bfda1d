import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../../src/domain/log-mask.js';

describe('maskSecrets', () => {
  it.each([
    ['export WANDB_API_KEY=5f1e9c2b7a4d4e0f9b8c3a2d1e0f9a8b7c6d5e4f', 'export WANDB_API_KEY=[masked]'],
    ['login with token hf_QwErTyUiOpAsDfGhJkLzXcVbNm1234567890 ok', 'login with token [masked] ok'],
    ['Authorization: Bearer abcdefghijklmnop1234', 'Authorization: Bearer [masked]'],
    ['{"api_key": "abcd1234efgh", "n": 1}', '{"api_key": "[masked]", "n": 1}'],
    ['password=hunter22 user=x', 'password=[masked] user=x'],
    ['OPENAI sk-proj-abcdefghijklmnopqrstuvwx1234', 'OPENAI [masked]'],
    ['aws AKIAABCDEFGHIJKLMNOP', 'aws [masked]'],
  ])('masks %s', (line, expected) => {
    const { text, masked } = maskSecrets(line);
    expect(text).toBe(expected);
    expect(masked).toBeGreaterThan(0);
  });

  it('leaves ordinary lines alone', () => {
    for (const line of ['step 100 | loss 1.2345 | lr 3.0e-04', 'tokens processed: 1234', 'key frames: 12']) {
      expect(maskSecrets(line)).toEqual({ text: line, masked: 0 });
    }
  });
});
