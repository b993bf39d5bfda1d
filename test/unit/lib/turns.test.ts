import { describe, expect, it } from 'vitest';
import { turns } from '../../../src/lib/turns.js';

describe('turns', () => {
  it('gives each caller an event-loop turn of its own, in call order, with other work in between', async () => {
    const next = turns();
    const order: string[] = [];
    const first = next().then(() => {
      order.push('first');
      // Work that arrives while the first caller runs (an incoming request) goes before the second.
      setImmediate(() => order.push('meanwhile'));
    });
    const second = next().then(() => order.push('second'));
    const third = next().then(() => order.push('third'));
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first', 'meanwhile', 'second', 'third']);
  });
});
