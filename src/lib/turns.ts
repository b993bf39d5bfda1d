/**
 * Takes turns across the event loop: each `next()` resolves in an event-loop turn of its own
 * (setImmediate, one after the other), so that work resumed by one event — fifty commands that
 * waited for the same RunPod answer — runs one piece per turn, with pending I/O (Slack's requests
 * waiting for their ack) handled in between. Scheduling only: the order of the pieces is the
 * order of the calls.
 */
export function turns(): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return () => {
    const turn = last.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    last = turn;
    return turn;
  };
}
