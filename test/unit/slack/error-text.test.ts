import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/domain/errors.js';
import { errorText } from '../../../src/slack/error-text.js';

const llama = { id: 'abc123', name: 'llama-ft' };

describe('errorText', () => {
  it.each<[AppError, string]>([
    [
      { kind: 'forbidden', action: 'stop', pod: llama, ownerId: 'U123' },
      '`llama-ft` belongs to <@U123>; only they or an admin can stop it.',
    ],
    [{ kind: 'runpod_auth', detail: 'HTTP 401' }, 'RunPod rejected the API key (HTTP 401)'],
    [
      { kind: 'pod_not_found', ref: 'lama', suggestions: [llama] },
      'No pod matches `lama`; did you mean `llama-ft`?',
    ],
    [{ kind: 'unexpected', reference: 'ref42abc' }, 'Reference `ref42abc`'],
    [{ kind: 'read_only', action: 'stop' }, 'only team members can stop'],
    [{ kind: 'admin_only', action: 'assign' }, 'Only podwarden admins can assign pods.'],
    [{ kind: 'already_owned', pod: llama, ownerId: 'UALICE' }, '`llama-ft` already belongs to <@UALICE>'],
    [
      { kind: 'invalid_state', pod: llama, status: 'EXITED', action: 'stop' },
      '`llama-ft` is already stopped.',
    ],
    [
      { kind: 'invalid_state', pod: llama, status: 'RUNNING', action: 'resume' },
      '`llama-ft` is already running.',
    ],
    [{ kind: 'invalid_state', pod: llama, status: 'LOCKED', action: 'stop' }, 'is locked in RunPod'],
    [
      { kind: 'confirmation_mismatch', pod: llama, typed: 'llama' },
      "You typed `llama`, which is not the pod's name `llama-ft`; nothing was terminated.",
    ],
    [
      { kind: 'over_deploy_limit', costPerHr: 3.99, limit: 2 },
      'That pod would cost $3.99/h; members may deploy up to $2.00/h.',
    ],
    [{ kind: 'invalid_input', message: 'Bad <input>' }, 'Bad &lt;input&gt;'],
    [
      { kind: 'runpod_unavailable', detail: 'HTTP 500 after 3 attempts' },
      'RunPod is not answering properly right now (HTTP 500 after 3 attempts)',
    ],
    [
      {
        kind: 'no_capacity',
        detail: 'There are not enough free GPUs on the host machine to start this pod.',
      },
      'RunPod has no free GPUs',
    ],
    [{ kind: 'spot_resume', detail: 'Cannot resume a spot pod as an on demand pod.' }, 'This is a spot pod'],
    [{ kind: 'runpod_forbidden', detail: 'Unauthorized' }, 'not allowed to do this'],
    [{ kind: 'runpod_bad_request', detail: 'Field "x" is not defined' }, 'podwarden bug'],
    [{ kind: 'runpod_conflict', detail: 'pod is not running' }, 'cannot do that in its current state'],
    [{ kind: 'runpod_not_found', detail: 'no pod' }, 'RunPod no longer knows that pod'],
    [
      { kind: 'runpod_rejected', detail: 'balance too low' },
      'RunPod refused. RunPod said: “balance too low”',
    ],
    [{ kind: 'not_decidable', reason: 'closed' }, 'already been answered'],
    [{ kind: 'not_decidable', reason: 'not_owner' }, "for the pod's owner"],
    [{ kind: 'not_decidable', reason: 'read_only' }, 'only team members can answer'],
  ])('%j', (error, expected) => {
    const text = errorText(error);
    expect(text).toContain(expected);
    expect(text).not.toMatch(/\[object Object\]|undefined|Error:/);
  });

  it('lists every candidate of an ambiguous reference', () => {
    const text = errorText({
      kind: 'pod_ambiguous',
      ref: 'ab',
      candidates: [llama, { id: 'abd999', name: 'mistral' }],
    });
    expect(text).toBe(
      '`ab` matches 2 pods: `llama-ft` (`abc123`), `mistral` (`abd999`). Nothing was done; use the id or the full name.',
    );
  });

  it('offers several suggestions with "or"', () => {
    const text = errorText({
      kind: 'pod_not_found',
      ref: 'sd',
      suggestions: [
        { id: 'a', name: 'sdxl' },
        { id: 'b', name: 'sd15' },
      ],
    });
    expect(text).toBe('No pod matches `sd`; did you mean `sdxl` or `sd15`?');
  });

  it('asks members to claim an unowned pod first', () => {
    const text = errorText({ kind: 'forbidden', action: 'stop', pod: llama, ownerId: null });
    expect(text).toContain('has no owner yet');
    expect(text).toContain('/pod claim llama-ft');
  });

  it('explains how to resume without free GPUs, with the pod in the examples', () => {
    const text = errorText({ kind: 'no_capacity', detail: 'no GPUs' }, { ref: 'llama-ft' });
    expect(text).toContain('`/pod resume llama-ft 1`');
    expect(text).toContain('`/pod resume llama-ft 0`');
  });

  it('never lets text from users or RunPod ping anyone', () => {
    const evil = { id: 'x1', name: '<!channel>' };
    for (const error of [
      { kind: 'forbidden', action: 'stop', pod: evil, ownerId: 'U1' },
      { kind: 'pod_not_found', ref: '<!here>', suggestions: [evil] },
      { kind: 'runpod_rejected', detail: '<@U999> <!everyone>' },
      { kind: 'confirmation_mismatch', pod: evil, typed: '<!channel>' },
    ] as AppError[]) {
      expect(errorText(error)).not.toMatch(/<!|<@U999/);
    }
  });
});
