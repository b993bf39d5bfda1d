import { describe, expect, it } from 'vitest';
import { listRowBlockId, parseListPlace } from '../../../../src/slack/blocks/list-place.js';

describe("a list row's place", () => {
  it.each([
    [{ filter: { kind: 'all' as const }, offset: 0 }],
    [{ filter: { kind: 'mine' as const }, offset: 20 }],
    [{ filter: { kind: 'user' as const, userId: 'U03BOB' }, offset: 40 }],
  ])('survives the round trip through block_id: %j', (place) => {
    expect(parseListPlace(listRowBlockId(place, 'k7f3q9x2m1p8va'))).toEqual(place);
  });

  it.each([
    '',
    'actions',
    'list|everything|0|pod',
    'list|user:<@U1>|0|pod',
    'list|all|-1|pod',
    'list|all|0|a b',
  ])('ignores %j (block ids are untrusted)', (blockId) => {
    expect(parseListPlace(blockId)).toBeNull();
  });
});
