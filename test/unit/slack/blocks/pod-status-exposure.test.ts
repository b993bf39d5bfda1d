import { describe, expect, it } from 'vitest';
import { podExposure } from '../../../../src/domain/credential-exposure.js';
import { buildPodStatus } from '../../../../src/slack/blocks/pod-status-blocks.js';
import { makePod } from '../../services/pod-service-fakes.js';
import { expectValidMessage, textOf } from './block-limits.js';

const at = new Date('2026-11-30T12:00:00Z');
const TOKEN = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345';

describe('buildPodStatus exposure', () => {
  const view = (env: Record<string, string>) => {
    const pod = makePod({
      id: 'abc123',
      name: 'notebook',
      imageName: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
      ports: '8888/http,22/tcp',
      env,
    });
    return {
      pod,
      ownerId: null,
      utilization: { bucketMs: 120_000, values: [] },
      lastAction: null,
      mayAct: false,
      exposure: podExposure(pod),
      at,
    };
  };

  it('warns of a passwordless Jupyter and plain-text credentials, by name and never by value', () => {
    const reply = buildPodStatus(view({ HF_TOKEN: TOKEN }), 'UTC');
    const text = textOf(reply.blocks ?? []);
    expect(text).toContain(
      ':warning: *Exposure:* Jupyter on public port 8888 has no password (set `JUPYTER_PASSWORD` or `JUPYTER_TOKEN`); plain-text credential in its environment: `HF_TOKEN`',
    );
    expect(JSON.stringify(reply)).not.toContain(TOKEN);
    expectValidMessage(reply);
  });

  it('says nothing when the password and the token are secret references', () => {
    const reply = buildPodStatus(
      view({ JUPYTER_PASSWORD: '{{ RUNPOD_SECRET_jupyter }}', HF_TOKEN: '{{ RUNPOD_SECRET_hf }}' }),
      'UTC',
    );
    expect(textOf(reply.blocks ?? [])).not.toContain('Exposure');
  });
});
