import { describe, expect, it } from 'vitest';
import { ActionId } from '../../../../src/slack/action-ids.js';
import { buildPodStatus } from '../../../../src/slack/blocks/pod-status-blocks.js';
import { dateToken } from '../../../support/date-token.js';
import { makePod } from '../../services/pod-service-fakes.js';
import { buttonsOf, expectValidMessage, textOf } from './block-limits.js';

const at = new Date('2026-11-30T12:00:00Z');

describe('buildPodStatus', () => {
  it('shows the detail, a sparkline of the last hour and who last acted', () => {
    const pod = makePod({
      id: 'abc123',
      name: 'llama-ft',
      gpuCount: 2,
      runtime: {
        uptimeSeconds: 7200,
        gpus: [
          { utilPercent: 90, memoryPercent: 70 },
          { utilPercent: 10, memoryPercent: 20 },
        ],
        cpuPercent: 12,
        memoryPercent: 40,
        ports: [{ ip: '1.2.3.4', isIpPublic: true, privatePort: 22, publicPort: 40022, type: 'tcp' }],
      },
    });
    const reply = buildPodStatus(
      {
        pod,
        ownerId: 'UALICE',
        utilization: { bucketMs: 120_000, values: [0, 50, 100, null, 100] },
        lastAction: {
          at: new Date('2026-11-30T11:00:00Z'),
          actor: 'UBOB',
          podId: 'abc123',
          podName: 'llama-ft',
          action: 'resume',
          reason: null,
          outcome: 'ok',
          detail: null,
          evidence: null,
        },
        mayAct: true,
        at,
      },
      'Europe/Berlin',
    );
    const text = textOf(reply.blocks ?? []);
    expect(text).toContain('`▁▅█·█`');
    expect(text).toContain('2 × A100 80GB');
    expect(text).toContain('GPU 0: util 90 %, mem 70 %');
    expect(text).toContain('GPU 1: util 10 %, mem 20 %');
    expect(text).toContain('8 vCPU, 62 GB RAM');
    expect(text).toContain('container 50 GB');
    expect(text).toContain('volume 100 GB at /workspace');
    expect(text).toContain('8888/http → https://abc123-8888.proxy.runpod.net');
    expect(text).toContain('22/tcp → 1.2.3.4:40022');
    expect(text).toContain(
      `Last action: <@UBOB> resumed it, ${dateToken('2026-11-30T11:00:00Z', '12:00 Europe/Berlin')}.`,
    );
    expect(text).toContain('<@UALICE>');
    expect(buttonsOf(reply.blocks ?? [])).toEqual([
      { label: 'Stop', actionId: ActionId.podStop, value: 'abc123' },
    ]);
    expectValidMessage(reply);
  });

  it('offers Resume on a stopped pod and says when there are no samples', () => {
    const pod = makePod({ id: 'def456', name: 'sdxl', status: 'EXITED', runtime: null });
    const reply = buildPodStatus(
      {
        pod,
        ownerId: null,
        utilization: { bucketMs: 120_000, values: [null, null] },
        lastAction: null,
        mayAct: true,
        at,
      },
      'UTC',
    );
    const text = textOf(reply.blocks ?? []);
    expect(text).toContain('no samples yet');
    expect(text).toContain('No one has acted on this pod');
    expect(buttonsOf(reply.blocks ?? [])).toEqual([
      { label: 'Resume', actionId: ActionId.podResume, value: 'def456' },
    ]);
    expectValidMessage(reply);
  });

  it('carries no button for a viewer who may not act on the pod', () => {
    const pod = makePod({ id: 'def456', name: 'sdxl', status: 'EXITED', runtime: null });
    const reply = buildPodStatus(
      {
        pod,
        ownerId: 'UBOB',
        utilization: { bucketMs: 120_000, values: [] },
        lastAction: null,
        mayAct: false,
        at,
      },
      'UTC',
    );
    expect(buttonsOf(reply.blocks ?? [])).toEqual([]);
  });
});
