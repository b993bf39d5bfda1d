import { describe, expect, it } from 'vitest';
import type { OwnedPod } from '../../../../src/domain/pod-list.js';
import { ActionId } from '../../../../src/slack/action-ids.js';
import { buildPodList, LIST_PAGE_SIZE } from '../../../../src/slack/blocks/pod-list-blocks.js';
import { makePod } from '../../services/pod-service-fakes.js';
import { buttonsOf, expectValidMessage, mrkdwnOf, textOf } from './block-limits.js';

const view = (pods: OwnedPod[], filter = { kind: 'all' } as const) => ({
  pods,
  filter,
  accountTotal: pods.length,
  actable: new Set(pods.map((p) => p.pod.id)) as ReadonlySet<string>,
  at: new Date('2026-11-30T12:00:00Z'),
});

describe('buildPodList', () => {
  const running = makePod({ id: 'abc123', name: 'llama-ft', costPerHr: 2.49 });
  const stopped = makePod({ id: 'def456', name: 'sdxl', status: 'EXITED', runtime: null, costPerHr: 0.44 });

  it('shows name, id, status, GPUs, utilization, price, owner and uptime', () => {
    const reply = buildPodList(
      view([
        { pod: running, ownerId: 'UALICE' },
        { pod: stopped, ownerId: null },
      ]),
    );
    const text = textOf(reply.blocks ?? []);
    for (const piece of [
      '`llama-ft`',
      '`abc123`',
      'running',
      '1 × A100 80GB',
      'GPU 80 %',
      '$2.49/h',
      '<@UALICE>',
      'up 1 h',
    ]) {
      expect(text).toContain(piece);
    }
    expect(text).toContain('_unowned_');
    expect(text).toContain('stopped');
    expectValidMessage(reply);
  });

  it('puts Stop beside running pods and Resume beside stopped ones', () => {
    const reply = buildPodList(
      view([
        { pod: running, ownerId: null },
        { pod: stopped, ownerId: null },
      ]),
    );
    expect(buttonsOf(reply.blocks ?? [])).toEqual([
      { label: 'Stop', actionId: ActionId.podStop, value: 'abc123' },
      { label: 'Resume', actionId: ActionId.podResume, value: 'def456' },
    ]);
  });

  it('gives buttons only beside the pods the viewer may act on (none for a read-only viewer)', () => {
    const pods = [
      { pod: running, ownerId: 'UALICE' },
      { pod: stopped, ownerId: 'UBOB' },
    ];
    const own = buildPodList({ ...view(pods), actable: new Set(['abc123']) });
    expect(buttonsOf(own.blocks ?? [])).toEqual([
      { label: 'Stop', actionId: ActionId.podStop, value: 'abc123' },
    ]);
    const readOnly = buildPodList({ ...view(pods), actable: new Set() });
    expect(buttonsOf(readOnly.blocks ?? [])).toEqual([]);
    expect(JSON.stringify(readOnly.blocks)).not.toContain('confirm');
  });

  it('keeps within Slack limits with 200 pods and says how many more and how to filter', () => {
    const pods = Array.from({ length: 200 }, (_, i) => ({
      pod: makePod({ id: `pod${i}`, name: `experiment-${'x'.repeat(80)}-${i}`, costPerHr: 1 + i / 100 }),
      ownerId: i % 2 === 0 ? 'UALICE' : null,
    }));
    const reply = buildPodList(view(pods));
    expectValidMessage(reply);
    const blocks = reply.blocks ?? [];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(buttonsOf(blocks).filter((b) => b.label === 'Stop')).toHaveLength(LIST_PAGE_SIZE);
    const text = textOf(blocks);
    expect(text).toContain('Showing 1–20 of 200; 180 more.');
    expect(text).toContain('/pod list running');
    const more = buttonsOf(blocks).find((b) => b.actionId === ActionId.listMore);
    expect(more?.label).toBe('Show 20 more');
    expect(JSON.parse(more?.value ?? '{}')).toEqual({ filter: { kind: 'all' }, offset: 20 });
  });

  it('pages on from an offset', () => {
    const pods = Array.from({ length: 45 }, (_, i) => ({
      pod: makePod({ id: `p${i}`, name: `n${i}` }),
      ownerId: null,
    }));
    const last = buildPodList(view(pods), 40);
    expect(buttonsOf(last.blocks ?? []).filter((b) => b.label === 'Stop')).toHaveLength(5);
    expect(textOf(last.blocks ?? [])).toContain('Showing 41–45 of 45.');
  });

  it('says so when no pod matches the filter', () => {
    const reply = buildPodList({ ...view([]), filter: { kind: 'mine' }, accountTotal: 3 });
    expect(reply.text).toBe('No pods owned by you right now.');
    expect(textOf(reply.blocks ?? [])).toContain('3 in the account');
  });

  it('escapes pod names so they ping nobody', () => {
    const evil = makePod({ id: 'e1', name: '<!channel> & <@U1>' });
    const reply = buildPodList(view([{ pod: evil, ownerId: null }]));
    const everything = `${reply.text}\n${mrkdwnOf(reply.blocks ?? [])}`;
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toContain('<@U1>');
    expect(everything).toContain('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });
});
