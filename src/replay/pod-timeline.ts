/**
 * What a pod is doing, minute by minute, as stretches of one activity. The activity decides both
 * what RunPod would report (render-minute.ts) and the honest ground-truth label.
 */
export type Activity =
  | 'absent' // not deployed yet: no line
  | 'exited' // stopped (by its owner or a spot interruption): EXITED lines
  | 'train' // GPUs saturated
  | 'checkpoint' // a checkpoint write: GPUs near 0 for minutes, the job is alive (busy)
  | 'preprocess' // CPU-bound data preparation between epochs: GPUs near 0, CPU high (busy)
  | 'interactive' // someone at a notebook: bursts of cells between pauses (busy)
  | 'away' // the notebook's owner is at lunch or in a meeting: nothing runs (idle)
  | 'idle' // forgotten or left on overnight: nothing runs (idle)
  | 'serve' // an inference server with traffic (busy)
  | 'quiet-serve'; // an inference server at night: a stray request now and then (busy that minute, else idle)

export type Stretch = { activity: Activity; from: number; to: number };

/** Builds a timeline left to right; minutes past the end are cut off. */
export type TimelineBuilder = {
  readonly cursor: number;
  readonly end: number;
  /** `activity` for `minutes` minutes from the cursor. */
  add(activity: Activity, minutes: number): TimelineBuilder;
  /** `activity` from the cursor up to the absolute minute `minute` (nothing when already past it). */
  until(activity: Activity, minute: number): TimelineBuilder;
  done(): boolean;
  stretches(): Stretch[];
};

export function timeline(end: number): TimelineBuilder {
  const stretches: Stretch[] = [];
  let cursor = 0;
  const builder: TimelineBuilder = {
    get cursor() {
      return cursor;
    },
    end,
    add(activity, minutes) {
      const to = Math.min(end, cursor + Math.max(0, Math.round(minutes)));
      if (to > cursor) {
        const last = stretches.at(-1);
        if (last && last.activity === activity && last.to === cursor) last.to = to;
        else stretches.push({ activity, from: cursor, to });
        cursor = to;
      }
      return builder;
    },
    until(activity, minute) {
      return builder.add(activity, minute - cursor);
    },
    done: () => cursor >= end,
    stretches: () => stretches.map((s) => ({ ...s })),
  };
  return builder;
}

/** The activity at each minute, for rendering. */
export function activityAt(stretches: readonly Stretch[], minutes: number): Activity[] {
  const out: Activity[] = Array.from({ length: minutes }, () => 'absent');
  for (const stretch of stretches) {
    for (let m = stretch.from; m < Math.min(stretch.to, minutes); m++) out[m] = stretch.activity;
  }
  return out;
}
