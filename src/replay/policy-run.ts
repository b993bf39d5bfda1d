/** The policies a trace is replayed under (CONTRACT.md "Replay traces"), in output order. */
export const POLICY_IDS = ['none', 'runpod-monitor', 'silent-30m', 'podwarden'] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

/** What a policy did to a trace: when it stopped each pod (ms after the trace start) and how often it asked. */
export type PolicyRun = {
  policy: PolicyId;
  stops: ReadonlyMap<string, number>;
  prompts: number;
  /** Each prompt sent (podwarden only): when, its deadline, and when the owner answered it. */
  promptTimes?: readonly PromptTimes[];
  /** Keeps the owners set by answering (podwarden only), ms after the trace start. */
  keeps?: readonly KeptSpan[];
};

/** One prompt, in ms after the trace start; `answeredMs` null when nobody answered it. */
export type PromptTimes = { podId: string; atMs: number; deadlineMs: number; answeredMs: number | null };

/** A keep in force on a pod from `fromMs` until `untilMs`. */
export type KeptSpan = { podId: string; fromMs: number; untilMs: number };
