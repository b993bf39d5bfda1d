import type { Activity } from './pod-timeline.js';
import type { IdleCpu } from './render-minute.js';
import type { OwnerAnswer } from './trace-schema.js';

/** What a generated trace holds: its pods and how they behave, minute by minute (generate-traces.ts). */
export type PodBehaviour =
  | { kind: 'notebook'; stopsAtNight: number }
  | { kind: 'trainer'; startAt: number; runHours: [number, number]; spot: boolean; secondRun: boolean }
  | { kind: 'inference'; retireDay: number | null }
  | { kind: 'forgotten'; startAt: number }
  | { kind: 'eval-sweep' }
  /** Written out stretch by stretch: [activity, minutes]. */
  | { kind: 'script'; stretches: [Activity, number][] };

export type PodSpec = {
  id: string;
  name: string;
  owner: string | null;
  answer: OwnerAnswer;
  gpuCount: number;
  /** USD per GPU-hour. */
  gpuPrice: number;
  cpuWhenIdle: IdleCpu;
  behaviour: PodBehaviour;
  /** The owner's clock minus UTC, in minutes: the behaviour's days and hours are the owner's. */
  localOffsetMinutes?: number;
};

export type TraceSpec = {
  name: string;
  /** 00:00 UTC of the first day. */
  start: string;
  minutes: number;
  seed: string;
  /** Chance that a running pod's sample is missing at a step. */
  missingRate: number;
  /** RunPod API outages per day, every pod's sample missing for a few minutes. */
  outagesPerDay: number;
  outageMinutes: [number, number];
  pods: PodSpec[];
  /** Owners' Slack time zones, written next to the trace as `<name>.zones.json`. */
  ownerZones?: Record<string, string>;
};

/** USD per GPU-hour: plausible on-demand prices, so that the traces cost realistic dollars. */
export const A100 = 1.64;
export const H100 = 2.99;
export const RTX4090 = 0.69;
export const L40S = 0.86;
export const A6000 = 0.49;

export const ALICE = 'U01ALICE';
export const BOB = 'U02BOB';
export const CAROL = 'U03CAROL';
export const DAVE = 'U04DAVE';
export const ERIN = 'U05ERIN';
export const FRANK = 'U06FRANK';

type Pod = Omit<PodSpec, 'cpuWhenIdle'> & { cpuWhenIdle?: IdleCpu };
/** A pod spec whose idle CPU is quiet unless said otherwise. */
export const pod = (p: Pod): PodSpec => ({ cpuWhenIdle: 'quiet', ...p });
