import { describe, expect, it } from 'vitest';
import { ActionId } from '../../../../src/slack/action-ids.js';
import { buildHelp } from '../../../../src/slack/blocks/help-blocks.js';
import { buildHistory } from '../../../../src/slack/blocks/history-blocks.js';
import {
  buildAssignReply,
  buildClaimReply,
  buildDeployReply,
  buildTerminateReply,
} from '../../../../src/slack/blocks/lifecycle-blocks.js';
import { buildResumeReply } from '../../../../src/slack/blocks/resume-blocks.js';
import { buildStopReply } from '../../../../src/slack/blocks/stop-blocks.js';
import { makePod } from '../../services/pod-service-fakes.js';
import { buttonsOf, expectValidMessage, textOf } from './block-limits.js';

const stopped = makePod({ id: 'abc123', name: 'llama-ft', status: 'EXITED', runtime: null, volumeInGb: 100 });

describe('buildStopReply', () => {
  it('names who stopped what and why, explains what stopping means to a first-time stopper, and carries Resume', () => {
    const reply = buildStopReply(
      {
        pod: stopped,
        confirmed: true,
        ownerId: 'UALICE',
        reason: 'done <!channel>',
        recoveredFrom: null,
        firstStopByActor: true,
      },
      'UALICE',
    );
    const text = textOf(reply.blocks ?? []);
    expect(text).toContain('<@UALICE> stopped `llama-ft` (`abc123`) — “done &lt;!channel&gt;”');
    expect(text).toContain('RunPod now reports it as :white_circle: stopped');
    expect(text).toContain('<@UALICE>, said once: The container disk is wiped');
    expect(text).toContain('is kept and still billed, about $20.00 a month');
    expect(text).toContain('the same GPU may not be free');
    expect(buttonsOf(reply.blocks ?? [])).toEqual([
      { label: 'Resume', actionId: ActionId.podResume, value: 'abc123' },
    ]);
    expectValidMessage(reply);
  });

  it('reports the real state when RunPod still says running, and a recovered error', () => {
    const pod = { ...stopped, status: 'RUNNING' as const };
    const text = textOf(
      buildStopReply(
        {
          pod,
          confirmed: true,
          ownerId: null,
          reason: null,
          recoveredFrom: 'HTTP 502',
          firstStopByActor: false,
        },
        'UADMIN',
      ).blocks ?? [],
    );
    expect(text).toContain('still reports it as :large_green_circle: running');
    expect(text).toContain('RunPod answered with an error (“HTTP 502”), but the pod did stop.');
  });

  it('after their first stop, says it in one context line', () => {
    const reply = buildStopReply(
      {
        pod: stopped,
        confirmed: true,
        ownerId: 'UALICE',
        reason: null,
        recoveredFrom: null,
        firstStopByActor: false,
      },
      'UALICE',
    );
    const text = textOf(reply.blocks ?? []);
    expect(text).not.toContain('The container disk is wiped');
    expect(text).toContain(
      'Container disk wiped; the volume is kept and billed, 100 GB, about $20.00 a month.',
    );
    expect((reply.blocks ?? []).filter((b) => b.type === 'section')).toHaveLength(1);
    expectValidMessage(reply);
  });
});

describe('buildResumeReply', () => {
  const running = makePod({ id: 'abc123', name: 'llama-ft', gpuCount: 2 });

  it('says who resumed it with how many GPUs', () => {
    const reply = buildResumeReply(
      {
        pod: running,
        confirmed: true,
        ownerId: 'UALICE',
        gpuCount: 2,
        zeroGpu: false,
        bidPerGpu: null,
        recoveredFrom: null,
      },
      'UALICE',
    );
    expect(textOf(reply.blocks ?? [])).toContain(
      '<@UALICE> resumed `llama-ft` (`abc123`) with 2 × A100 80GB',
    );
    expect(buttonsOf(reply.blocks ?? [])).toEqual([
      { label: 'Stop', actionId: ActionId.podStop, value: 'abc123' },
    ]);
    expectValidMessage(reply);
  });

  it('explains a zero-GPU resume plainly', () => {
    const reply = buildResumeReply(
      {
        pod: { ...running, gpuCount: 0 },
        confirmed: true,
        ownerId: null,
        gpuCount: 0,
        zeroGpu: true,
        bidPerGpu: null,
        recoveredFrom: null,
      },
      'UALICE',
    );
    const text = textOf(reply.blocks ?? []);
    expect(text).toContain('with 0 GPUs');
    expect(text).toContain('*zero GPUs*');
    expect(text).toContain('nothing that needs a GPU will run');
  });

  it('mentions the bid of a spot pod', () => {
    const reply = buildResumeReply(
      {
        pod: running,
        confirmed: true,
        ownerId: null,
        gpuCount: 2,
        zeroGpu: false,
        bidPerGpu: 0.6,
        recoveredFrom: null,
      },
      'UALICE',
    );
    expect(textOf(reply.blocks ?? [])).toContain('spot, bidding $0.60 per GPU per hour');
  });
});

describe('buildHistory', () => {
  const entry = (
    minutesAgo: number,
    action: 'stop' | 'resume',
    outcome: 'ok' | 'refused',
    actor = 'UALICE',
  ) => ({
    at: new Date(Date.parse('2026-11-30T12:00:00Z') - minutesAgo * 60_000),
    actor,
    podId: 'abc123',
    podName: 'llama-ft',
    action,
    reason: action === 'stop' ? 'nightly' : null,
    outcome,
    detail: outcome === 'ok' ? 'RunPod: desiredStatus EXITED' : 'refused: not the owner',
    evidence: null,
  });

  const now = new Date('2026-11-30T12:00:00Z');

  it('lists entries newest first, in words, with times every reader sees in their own zone', () => {
    const reply = buildHistory(
      {
        pod: { id: 'abc123', name: 'llama-ft' },
        gone: false,
        entries: [entry(5, 'stop', 'ok'), entry(60, 'stop', 'refused', 'UBOB')],
      },
      'UTC',
      now,
    );
    const text = textOf(reply.blocks ?? []);
    expect(text.indexOf('<@UALICE> stopped it')).toBeLessThan(
      text.indexOf('<@UBOB> tried to stop it (refused: not the owner)'),
    );
    const at = Math.floor(Date.parse('2026-11-30T11:55:00Z') / 1000);
    expect(text).toContain(`<!date^${at}^{date_short_pretty} {time}|11:55 UTC> · <@UALICE> stopped it`);
    expect(text).toContain('— “nightly” — RunPod confirmed');
    expect(text).not.toContain('desiredStatus');
    expect(text).not.toContain('refused: refused');
    expect(text).toContain('times in your own time zone');
    expectValidMessage(reply);
  });

  it('says an idle prompt in words: whom podwarden asked and the deadline, never raw ids or ISO stamps', () => {
    const deadline = new Date('2026-11-30T12:30:00Z');
    const reply = buildHistory(
      {
        pod: { id: 'abc123', name: 'llama-ft' },
        gone: false,
        entries: [
          {
            ...entry(10, 'stop', 'ok'),
            actor: 'podwarden',
            action: 'idle_prompt',
            reason: 'idle: GPU ≤ 5 % for 30 min',
            detail: `asked the owner (U02ALICE, D02ALICE); deadline ${deadline.toISOString()} (ask-then-stop)`,
          },
          {
            ...entry(3, 'stop', 'ok'),
            action: 'keep',
            reason: null,
            detail: 'kept until 2026-12-05T17:48:31.842Z (cut to IDLE_MAX_KEEP)',
          },
        ],
      },
      'Europe/Berlin',
      now,
    );
    const text = textOf(reply.blocks ?? []);
    const token = `<!date^${deadline.getTime() / 1000}^{date_short_pretty} {time}|13:30 Europe/Berlin>`;
    expect(text).toContain(
      `podwarden noticed it idle — “idle: GPU ≤ 5 % for 30 min” — asked <@U02ALICE>, deadline ${token}`,
    );
    expect(text).toContain('kept it from idle-stopping — until <!date^');
    expect(text).toContain('cut to the longest keep allowed');
    expect(text).not.toMatch(/2026-12-05T|ask-then-stop|\(U02ALICE/);
  });

  it('stays within limits with many long entries', () => {
    const entries = Array.from({ length: 25 }, (_, i) => ({
      ...entry(i, 'stop', 'ok'),
      reason: 'r'.repeat(400),
    }));
    const reply = buildHistory({ pod: { id: 'abc123', name: 'llama-ft' }, gone: true, entries }, 'UTC', now);
    expectValidMessage(reply);
    expect(textOf(reply.blocks ?? [])).toContain('(the pod no longer exists)');
  });
});

describe('ownership, terminate and deploy replies', () => {
  const pod = { id: 'abc123', name: 'llama-ft' };

  it('name who did what', () => {
    expect(
      buildClaimReply({ pod, ownerId: 'UALICE', previousOwnerId: null, unchanged: false }, 'UALICE').text,
    ).toContain('<@UALICE> claimed `llama-ft`');
    expect(
      buildAssignReply({ pod, ownerId: 'UBOB', previousOwnerId: 'UALICE', unchanged: false }, 'UADMIN').text,
    ).toContain("<@UADMIN> gave `llama-ft` (`abc123`) to <@UBOB> (it was <@UALICE>'s)");
    expect(buildTerminateReply({ pod, ownerId: null, recoveredFrom: null }, 'UALICE').text).toContain(
      '<@UALICE> terminated `llama-ft`',
    );
    const deployed = buildDeployReply(
      {
        pod: makePod({ id: 'new1', name: 'fresh' }),
        ownerId: 'UALICE',
        pricePerHour: 1.89,
        recoveredFrom: null,
      },
      'UALICE',
    );
    expect(textOf(deployed.blocks ?? [])).toContain(
      '<@UALICE> deployed `fresh` (`new1`) with 1 × A100 80GB at $1.89/h',
    );
    expectValidMessage(deployed);
  });
});

describe('buildHelp', () => {
  it('shows usage with examples and what the reader may do', () => {
    const reply = buildHelp('reader');
    const text = textOf(reply.blocks ?? []);
    for (const piece of [
      '/pod list [mine|@user|running|stopped|all]',
      '/pod stop llama-ft done for today',
      '/pod digest here 09:00 Europe/Berlin',
      'ask an admin',
    ]) {
      expect(text).toContain(piece);
    }
    expectValidMessage(reply);
  });
});
