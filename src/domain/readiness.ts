/**
 * When podwarden is ready for traffic (GET /readyz): the store answers a query, RunPod answered a
 * poll within the last 3 poll intervals (or the app is younger than that), and in Socket Mode the
 * socket to Slack is connected. Pure: the inputs are observations, the output names each fault.
 */
export type ReadinessCheck = 'store' | 'runpod' | 'slack';

export type ReadinessFault = { check: ReadinessCheck; message: string };

export type ReadinessInput = {
  now: Date;
  /** When the app started taking traffic. */
  startedAt: Date;
  /** The last poll that RunPod answered; null when none has yet. */
  lastPollOkAt: Date | null;
  pollIntervalMs: number;
  /** null: the store answered; otherwise why not. */
  storeError: string | null;
  /** null in HTTP mode. */
  socketConnected: boolean | null;
};

/** How many poll intervals may pass without a successful poll. */
export const POLL_INTERVALS_TOLERATED = 3;

const minutes = (ms: number): string => `${Math.max(0, Math.round(ms / 60_000))} min`;

export function readinessFaults(input: ReadinessInput): ReadinessFault[] {
  const faults: ReadinessFault[] = [];
  if (input.storeError !== null) {
    faults.push({ check: 'store', message: `the database did not answer a query: ${input.storeError}` });
  }
  const limitMs = POLL_INTERVALS_TOLERATED * input.pollIntervalMs;
  const since = input.lastPollOkAt ?? input.startedAt;
  const silentMs = input.now.getTime() - since.getTime();
  if (silentMs > limitMs) {
    faults.push({
      check: 'runpod',
      message:
        input.lastPollOkAt === null
          ? `no RunPod poll has succeeded since the start ${minutes(silentMs)} ago (limit ${minutes(limitMs)})`
          : `the last successful RunPod poll was ${minutes(silentMs)} ago (limit ${minutes(limitMs)})`,
    });
  }
  if (input.socketConnected === false) {
    faults.push({ check: 'slack', message: 'the Socket Mode connection to Slack is down' });
  }
  return faults;
}
