/** When an episode's reminder and deadline fall: the reminder at two thirds of the grace. */
export type EpisodeSchedule = { reminderAt: Date; deadlineAt: Date };

export function idleDeadline(openedAt: Date, graceMs: number): EpisodeSchedule {
  const start = openedAt.getTime();
  return {
    reminderAt: new Date(start + Math.round((graceMs * 2) / 3)),
    deadlineAt: new Date(start + graceMs),
  };
}

/** The reminder is due once, after its time and before the deadline. */
export const reminderDue = (
  episode: { reminderAt: Date; deadlineAt: Date; remindedAt: Date | null },
  now: Date,
): boolean =>
  episode.remindedAt === null &&
  now.getTime() >= episode.reminderAt.getTime() &&
  now.getTime() < episode.deadlineAt.getTime();

export const deadlinePassed = (episode: { deadlineAt: Date }, now: Date): boolean =>
  now.getTime() >= episode.deadlineAt.getTime();
