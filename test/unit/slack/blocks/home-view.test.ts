import { describe, expect, it } from 'vitest';
import { checkView } from '../../../../src/sandbox/slack/check-block-kit.js';
import { ActionId } from '../../../../src/slack/action-ids.js';
import { buildHomeView } from '../../../../src/slack/blocks/home-view.js';
import { makePod } from '../../services/pod-service-fakes.js';
import { buttonsOf, textOf } from './block-limits.js';

const at = new Date('2026-11-30T12:00:00Z');

describe('buildHomeView', () => {
  const pods = [
    { pod: makePod({ id: 'a1', name: 'mine' }), ownerId: 'UALICE' },
    { pod: makePod({ id: 'b2', name: 'stray', status: 'EXITED', runtime: null }), ownerId: null },
    { pod: makePod({ id: 'c3', name: 'bobs' }), ownerId: 'UBOB' },
  ];
  const view = {
    pods,
    filter: { kind: 'all' as const },
    accountTotal: 3,
    actable: new Set(pods.map((p) => p.pod.id)) as ReadonlySet<string>,
    at,
  };

  it('gives members their pods with Stop/Resume and no Assign', () => {
    const home = buildHomeView(view, 'UALICE', 'member');
    expect(buttonsOf(home.blocks)).toEqual([{ label: 'Stop', actionId: ActionId.podStop, value: 'a1' }]);
    expect(textOf(home.blocks)).toContain('/pod claim &lt;pod&gt;');
  });

  it('gives admins Assign on unowned pods', () => {
    const home = buildHomeView(view, 'UADMIN', 'admin');
    expect(buttonsOf(home.blocks)).toEqual([{ label: 'Assign', actionId: ActionId.podAssign, value: 'b2' }]);
  });

  it('stays within the Home tab limits with 200 pods', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      pod: makePod({ id: `p${i}`, name: `pod-${i}` }),
      ownerId: i % 2 === 0 ? 'UALICE' : null,
    }));
    const home = buildHomeView(
      { ...view, pods: many, accountTotal: 200, actable: new Set(many.map((p) => p.pod.id)) },
      'UALICE',
      'admin',
    );
    expect(checkView(home).errors).toEqual([]);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(home.blocks)).toContain('…and 75 more');
  });
});
