import { describe, expect, it } from 'vitest';
import { keepWithNote, resumedNote } from '../../../../src/slack/blocks/follow-up.js';
import { buildStopReply } from '../../../../src/slack/blocks/stop-blocks.js';
import { makePod } from '../../services/pod-service-fakes.js';
import { buttonsOf, expectValidMessage, textOf } from './block-limits.js';

describe('a stop announcement after Resume', () => {
  it('keeps who stopped it and why, drops its buttons and adds who resumed it when', () => {
    const stop = buildStopReply(
      {
        pod: makePod({ id: 'abc123', name: 'llama-ft', status: 'EXITED', runtime: null }),
        confirmed: true,
        ownerId: 'U02ALICE',
        reason: 'done for today',
        recoveredFrom: null,
        firstStopByActor: false,
      },
      'U01ADA',
    );
    const at = new Date('2026-12-04T12:44:00Z');
    const after = keepWithNote(stop, resumedNote('U03BOB', at, 'Europe/Berlin'));
    const text = textOf(after.blocks ?? []);
    expect(text).toContain('<@U01ADA> stopped `llama-ft` (`abc123`) — “done for today”');
    expect(text).toContain(
      `:arrow_forward: Resumed by <@U03BOB> <!date^${at.getTime() / 1000}^{date_short_pretty} {time}|13:44 Europe/Berlin>, see the thread.`,
    );
    expect(buttonsOf(stop.blocks ?? [])).toHaveLength(1);
    expect(buttonsOf(after.blocks ?? [])).toEqual([]);
    expect(after.text).toContain('Resumed by <@U03BOB> 13:44 Europe/Berlin');
    expectValidMessage(after);
  });
});
