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

/** The longest wait between two stop attempts RunPod refused. */
export const STOP_RETRY_MAX_MS = 30 * 60_000;

/**
 * A stop RunPod refused at the deadline is tried again after 1, 2, 4, 8, 16, then every 30
 * minutes (from the last attempt), not at every poll: a locked pod or a revoked key is not asked
 * a thousand times a day, and each attempt is one audit row.
 */
export function stopRetryDue(episode: { stopAttempts: number; updatedAt: Date }, now: Date): boolean {
  if (episode.stopAttempts === 0) return true;
  const waitMs = Math.min(STOP_RETRY_MAX_MS, 60_000 * 2 ** (episode.stopAttempts - 1));
  return now.getTime() - episode.updatedAt.getTime() >= waitMs;
}
