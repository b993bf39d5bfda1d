import type { Activity, Stretch, TimelineBuilder } from './pod-timeline.js';
import { timeline } from './pod-timeline.js';
import type { Random } from './seeded-random.js';

/** Minutes. Traces start at 00:00 UTC; the team works roughly 08:00–19:00 UTC on weekdays. */
const HOUR = 60;
const DAY = 24 * HOUR;

/** Which days of the trace (0 = the start day) are working days. */
export type Calendar = { isWorkday(day: number): boolean };

export function calendarFrom(start: Date): Calendar {
  return {
    isWorkday: (day) => {
      const weekday = new Date(start.getTime() + day * 86_400_000).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}

/** `activity` for `minutes`, but never past `limit`. */
const addUpTo = (b: TimelineBuilder, activity: Activity, minutes: number, limit: number) =>
  b.add(activity, Math.min(minutes, limit - b.cursor));

/** The minute someone notices a finished job: within hours on a working day, else the next morning. */
function noticedAt(rng: Random, cal: Calendar, at: number): number {
  const day = Math.floor(at / DAY);
  const clock = at % DAY;
  if (cal.isWorkday(day) && clock >= 9 * HOUR && clock < 17 * HOUR) return at + rng.int(45, 240);
  let next = clock < 9 * HOUR ? day : day + 1;
  while (!cal.isWorkday(next)) next++;
  return next * DAY + 9 * HOUR + rng.int(0, 150);
}

/** Someone at a notebook until `until`: work with short breaks (a coffee, a call). */
function workUntil(rng: Random, b: TimelineBuilder, until: number): void {
  while (b.cursor < until && !b.done()) {
    addUpTo(b, 'interactive', rng.int(20, 90), until);
    if (rng.chance(0.3)) addUpTo(b, 'away', rng.int(8, 22), until);
  }
}

/** A notebook used on working days; some nights and weekends it is left running, idle. */
export function notebookPod(
  rng: Random,
  cal: Calendar,
  end: number,
  options: { stopsAtNight: number },
): Stretch[] {
  const b = timeline(end);
  let on = false;
  let started = false;
  const off = (): Activity => (started ? 'exited' : 'absent');
  for (let day = 0; !b.done(); day++) {
    const base = day * DAY;
    if (!cal.isWorkday(day)) {
      b.until(on ? 'idle' : off(), base + DAY);
      continue;
    }
    b.until(on ? 'idle' : off(), base + 8 * HOUR + rng.int(0, 90));
    on = true;
    started = true;
    workUntil(rng, b, base + 12 * HOUR + rng.int(0, 45));
    b.add('away', rng.int(35, 80));
    workUntil(rng, b, base + 17 * HOUR + rng.int(0, 120));
    if (rng.chance(options.stopsAtNight)) on = false;
  }
  return b.stretches();
}

/** One training run of `minutes` of training: checkpoints, now and then a long CPU-bound phase, spot interruptions. */
function train(rng: Random, b: TimelineBuilder, minutes: number, spot: boolean): void {
  let trained = 0;
  while (trained < minutes && !b.done()) {
    const chunk = rng.int(50, 110);
    b.add('train', chunk);
    trained += chunk;
    if (spot && rng.chance(0.1)) {
      b.add('exited', rng.int(20, 150));
      b.add('preprocess', rng.int(3, 8));
    } else if (rng.chance(0.12)) {
      b.add('preprocess', rng.int(35, 55));
    } else {
      b.add('checkpoint', rng.int(3, 12));
    }
  }
}

/** A training pod: one run (or two), then idle until its owner notices and stops it. */
export function trainerPod(
  rng: Random,
  cal: Calendar,
  end: number,
  options: { startAt: number; runHours: [number, number]; spot: boolean; secondRun: boolean },
): Stretch[] {
  const b = timeline(end);
  b.until('absent', options.startAt);
  b.add('preprocess', rng.int(5, 15));
  train(rng, b, rng.int(options.runHours[0] * HOUR, options.runHours[1] * HOUR), options.spot);
  b.until('idle', noticedAt(rng, cal, b.cursor));
  if (options.secondRun && !b.done()) {
    b.add('exited', rng.int(60, 240));
    b.add('preprocess', rng.int(5, 15));
    train(rng, b, rng.int(options.runHours[0] * HOUR, options.runHours[1] * HOUR), options.spot);
    b.until('idle', noticedAt(rng, cal, b.cursor));
  }
  b.until('exited', end);
  return b.stretches();
}

/** An inference server: traffic by day, a stray request now and then at night; retired servers idle. */
export function inferencePod(
  rng: Random,
  cal: Calendar,
  end: number,
  options: { retireDay: number | null },
): Stretch[] {
  const b = timeline(end);
  for (let day = 0; !b.done(); day++) {
    const base = day * DAY;
    if (options.retireDay !== null && day >= options.retireDay) {
      b.until('idle', end);
      break;
    }
    if (cal.isWorkday(day)) {
      b.until('quiet-serve', base + 7 * HOUR + rng.int(0, 90));
      b.until('serve', base + 19 * HOUR + rng.int(0, 150));
    } else if (rng.chance(0.4)) {
      b.until('quiet-serve', base + 11 * HOUR + rng.int(0, 120));
      b.add('serve', rng.int(60, 180));
    }
    b.until('quiet-serve', base + DAY);
  }
  return b.stretches();
}

/** Deployed, tried for a few minutes, forgotten. */
export function forgottenPod(rng: Random, end: number, options: { startAt: number }): Stretch[] {
  return timeline(end)
    .until('absent', options.startAt)
    .add('interactive', rng.int(15, 40))
    .until('idle', end)
    .stretches();
}

/** Short evaluation jobs on working days with the GPU waiting while the next config is written. */
export function evalSweepPod(rng: Random, cal: Calendar, end: number): Stretch[] {
  const b = timeline(end);
  for (let day = 0; !b.done(); day++) {
    const base = day * DAY;
    if (!cal.isWorkday(day)) {
      b.until('idle', base + DAY);
      continue;
    }
    b.until('idle', base + 9 * HOUR + rng.int(0, 60));
    const evening = base + 17 * HOUR + rng.int(0, 90);
    while (b.cursor < evening && !b.done()) {
      addUpTo(b, 'train', rng.int(20, 50), evening);
      addUpTo(b, 'away', rng.int(5, 25), evening);
    }
  }
  return b.stretches();
}
