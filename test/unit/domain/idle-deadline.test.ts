import { describe, expect, it } from 'vitest';
import { deadlinePassed, idleDeadline, reminderDue } from '../../../src/domain/idle-deadline.js';

describe('idleDeadline', () => {
  it('reminds at two thirds of the grace and stops at its end', () => {
    const openedAt = new Date('2026-11-02T14:00:00Z');
    const schedule = idleDeadline(openedAt, 30 * 60_000);
    expect(schedule).toEqual({
      reminderAt: new Date('2026-11-02T14:20:00Z'),
      deadlineAt: new Date('2026-11-02T14:30:00Z'),
    });
    const episode = { ...schedule, remindedAt: null };
    expect(reminderDue(episode, new Date('2026-11-02T14:19:59Z'))).toBe(false);
    expect(reminderDue(episode, new Date('2026-11-02T14:20:00Z'))).toBe(true);
    expect(reminderDue(episode, new Date('2026-11-02T14:30:00Z'))).toBe(false);
    expect(reminderDue({ ...episode, remindedAt: new Date() }, new Date('2026-11-02T14:21:00Z'))).toBe(false);
    expect(deadlinePassed(episode, new Date('2026-11-02T14:29:59Z'))).toBe(false);
    expect(deadlinePassed(episode, new Date('2026-11-02T14:30:00Z'))).toBe(true);
  });
});
