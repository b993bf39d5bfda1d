import { describe, expect, it } from 'vitest';
import { autoresumeMessages, autoresumeReply } from '../../../../src/slack/blocks/autoresume-blocks.js';
import { unexpectedStopMessage } from '../../../../src/slack/blocks/unexpected-stop.js';

const NOW = new Date('2026-11-30T10:00:00Z');
const base = { podId: 'p1', podName: 'sdxl <&> spot', attempts: 2, now: NOW, timeZone: 'Europe/Berlin' };
const all = (m: { text: string; blocks?: readonly unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks)}`;

describe('autoresume replies', () => {
  it('announces on and off with who did it, how to undo it, the pod name escaped', () => {
    const on = all(
      autoresumeReply({
        actor: 'U02ALICE',
        setting: { pod: { id: 'p1', name: 'a<b>' }, enabled: true, status: 'RUNNING' },
      }),
    );
    expect(on).toContain('<@U02ALICE> turned autoresume on for `a&lt;b&gt;`');
    expect(on).toContain('`/pod autoresume a&lt;b&gt; off`');
    const off = all(
      autoresumeReply({
        actor: 'U01ADA',
        setting: { pod: { id: 'p1', name: 'x' }, enabled: false, status: 'EXITED' },
      }),
    );
    expect(off).toContain('<@U01ADA> turned autoresume off for `x` (`p1`)');
  });

  it('tells each attempt, the next try as a date token, and each end plainly', () => {
    const retry = all(
      autoresumeMessages.retrying({
        ...base,
        noCapacity: true,
        detail: 'x',
        bidPerGpu: 0.2,
        nextAt: new Date('2026-11-30T10:04:00Z'),
      }),
    );
    expect(retry).toContain(
      'Attempt 2 to bid-resume `sdxl &lt;&amp;&gt; spot` at $0.20/GPU/h: RunPod has not enough free GPUs',
    );
    expect(retry).toContain('<!date^1796033040^');
    expect(
      all(
        autoresumeMessages.retrying({
          ...base,
          noCapacity: false,
          detail: '<boom>',
          bidPerGpu: 0.2,
          nextAt: NOW,
        }),
      ),
    ).toContain('RunPod did not take it (&lt;boom&gt;)');
    expect(all(autoresumeMessages.resumed({ ...base, bidPerGpu: 0.25, gpuCount: 2 }))).toContain(
      'Resumed `sdxl &lt;&amp;&gt; spot` after 2 attempts: bid $0.25/GPU/h for 2 GPUs',
    );
    expect(all(autoresumeMessages.gaveUp({ ...base, giveUpAfterMs: 7_200_000 }))).toContain(
      'after 2 attempts over 2 h',
    );
    expect(all(autoresumeMessages.cancelled({ ...base, reason: 'turned_off', by: null }))).toContain(
      'autoresume was turned off for it',
    );
    expect(all(autoresumeMessages.cancelled({ ...base, reason: 'person_acted', by: 'U03BOB' }))).toContain(
      '<@U03BOB> stopped, resumed or terminated it meanwhile',
    );
    expect(all(autoresumeMessages.unavailable(base))).toContain('spot actions are unavailable');
  });

  it('the interruption notice says autoresume is on only when it is', () => {
    const view = {
      podId: 'p1',
      podName: 'sdxl',
      ownerId: 'U03BOB',
      status: 'EXITED',
      lastSeenRunningAt: NOW,
      noticedAt: NOW,
      costPerHr: 0.3,
      timeZone: 'UTC',
    };
    expect(all(unexpectedStopMessage({ ...view, autoresume: true }))).toContain('Autoresume is on');
    expect(all(unexpectedStopMessage(view))).not.toContain('Autoresume');
  });
});
