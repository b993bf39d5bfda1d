/** The policies a trace is replayed under (CONTRACT.md "Replay traces"), in output order. */
export const POLICY_IDS = ['none', 'runpod-monitor', 'silent-30m', 'podwarden'] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

/** What a policy did to a trace: when it stopped each pod (ms after the trace start) and how often it asked. */
export type PolicyRun = {
  policy: PolicyId;
  stops: ReadonlyMap<string, number>;
  prompts: number;
};
