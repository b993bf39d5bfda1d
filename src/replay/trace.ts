import type { OwnerAnswer, TraceLabel } from './trace-schema.js';

/** What one pod showed at one step: everything a detector may see, and nothing else. */
export type TraceSample = {
  status: 'RUNNING' | 'EXITED';
  name: string;
  owner: string | null;
  costPerHr: number;
  gpus: readonly number[];
  gpuMem: readonly number[];
  cpu: number | null;
};

export type TracePod = {
  id: string;
  /** From the pod's first line; `none` when absent. */
  answer: OwnerAnswer;
  /** Indexed by step; undefined where the trace has no line (a missing sample). */
  samples: readonly (TraceSample | undefined)[];
};

/** A trace without its labels: the only form that replayed policies receive. */
export type Trace = {
  name: string;
  start: Date;
  stepMs: number;
  /** Number of steps: the highest step index plus one. */
  steps: number;
  pods: readonly TracePod[];
  /**
   * Owners' Slack time zones, from the optional `<name>.zones.json` next to the trace file
   * (`{"U01ALICE":"Asia/Tokyo"}`); the trace format itself has no zones. Absent: none known.
   */
  ownerZones?: ReadonlyMap<string, string>;
};

/** Ground truth per pod and step, kept apart from the trace so that no detector can read it. */
export type PodLabels = readonly (TraceLabel | undefined)[];
export type GroundTruth = ReadonlyMap<string, PodLabels>;

export type LabelledTrace = { trace: Trace; truth: GroundTruth };
