/** Time is an input: everything that needs "now" receives a Clock. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to; for tests, replays and benchmarks. */
export type ManualClock = Clock & { set(at: Date | string): void; advance(ms: number): void };

export function createManualClock(start: Date | string): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
