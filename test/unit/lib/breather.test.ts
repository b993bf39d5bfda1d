import { describe, expect, it } from 'vitest';
import { breather } from '../../../src/lib/breather.js';

describe('breather', () => {
  it('lets queued event-loop work run once its budget is spent, and not before', async () => {
    const events: string[] = [];
    setImmediate(() => events.push('immediate'));
    await breather(Number.POSITIVE_INFINITY)();
    events.push('after a breath with budget left');
    await breather(0)();
    events.push('after a breath with none left');
    expect(events).toEqual(['after a breath with budget left', 'immediate', 'after a breath with none left']);
  });
});
