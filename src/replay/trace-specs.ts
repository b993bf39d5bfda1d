import type { Activity } from './pod-timeline.js';
import type { IdleCpu } from './render-minute.js';
import type { OwnerAnswer } from './trace-schema.js';

const H = 60;
const D = 24 * H;

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
};

const A100 = 1.64;
const H100 = 2.99;
const RTX4090 = 0.69;
const L40S = 0.86;
const A6000 = 0.49;

const ALICE = 'U01ALICE';
const BOB = 'U02BOB';
const CAROL = 'U03CAROL';
const DAVE = 'U04DAVE';
const ERIN = 'U05ERIN';
const FRANK = 'U06FRANK';

type Pod = Omit<PodSpec, 'cpuWhenIdle'> & { cpuWhenIdle?: IdleCpu };
const pod = (p: Pod): PodSpec => ({ cpuWhenIdle: 'quiet', ...p });

const notebook = (
  id: string,
  owner: string | null,
  answer: OwnerAnswer,
  stopsAtNight: number,
  gpu = RTX4090,
) =>
  pod({
    id,
    name: `${id}-notebook`,
    owner,
    answer,
    gpuCount: 1,
    gpuPrice: gpu,
    behaviour: { kind: 'notebook', stopsAtNight },
  });

const trainer = (
  id: string,
  owner: string,
  answer: OwnerAnswer,
  gpus: number,
  options: {
    startAt: number;
    runHours: [number, number];
    spot?: boolean;
    secondRun?: boolean;
    price?: number;
  },
) =>
  pod({
    id,
    name: `${id}-train`,
    owner,
    answer,
    gpuCount: gpus,
    gpuPrice: options.price ?? A100,
    cpuWhenIdle: 'background',
    behaviour: {
      kind: 'trainer',
      startAt: options.startAt,
      runHours: options.runHours,
      spot: options.spot ?? false,
      secondRun: options.secondRun ?? false,
    },
  });

const inference = (id: string, owner: string, answer: OwnerAnswer, retireDay: number | null, gpus = 1) =>
  pod({
    id,
    name: `${id}-serve`,
    owner,
    answer,
    gpuCount: gpus,
    gpuPrice: L40S,
    behaviour: { kind: 'inference', retireDay },
  });

const forgotten = (id: string, owner: string | null, startAt: number, gpus = 1, price = A100) =>
  pod({
    id,
    name: `${id}-scratch`,
    owner,
    answer: 'none',
    gpuCount: gpus,
    gpuPrice: price,
    behaviour: { kind: 'forgotten', startAt },
  });

const sweep = (id: string, owner: string, answer: OwnerAnswer) =>
  pod({
    id,
    name: `${id}-eval`,
    owner,
    answer,
    gpuCount: 2,
    gpuPrice: A6000,
    behaviour: { kind: 'eval-sweep' },
  });

const calm = { missingRate: 0.003, outagesPerDay: 1, outageMinutes: [2, 6] as [number, number] };

/** The eight multi-day traces of the idle benchmark. */
export const BENCH_TRACE_SPECS: readonly TraceSpec[] = [
  {
    name: 'lab-week',
    start: '2026-11-02T00:00:00Z',
    minutes: 5 * D,
    seed: 'lab-week',
    ...calm,
    pods: [
      notebook('nb-alice', ALICE, 'stop', 0.3),
      notebook('nb-bob', BOB, 'none', 0.1),
      trainer('llama-ft', CAROL, 'none', 4, { startAt: 10 * H, runHours: [20, 30], secondRun: true }),
      trainer('vit-spot', DAVE, 'keep', 2, { startAt: D + 9 * H, runHours: [10, 16], spot: true }),
      inference('chat-api', ERIN, 'keep', null),
      forgotten('tmp-frank', FRANK, 2 * D + 15 * H),
      sweep('sweep-alice', ALICE, 'stop'),
      forgotten('orphan', null, 3 * D + 11 * H, 1, RTX4090),
    ],
  },
  {
    name: 'training-cluster',
    start: '2026-11-09T00:00:00Z',
    minutes: 3 * D,
    seed: 'training-cluster',
    ...calm,
    pods: [
      trainer('h100-pretrain', CAROL, 'none', 8, { startAt: 2 * H, runHours: [40, 60], price: H100 }),
      trainer('dpo-run', DAVE, 'stop', 4, { startAt: 9 * H, runHours: [8, 14], secondRun: true }),
      trainer('spot-a', ERIN, 'none', 2, {
        startAt: 11 * H,
        runHours: [12, 20],
        spot: true,
        secondRun: true,
      }),
      trainer('spot-b', ERIN, 'keep', 2, { startAt: D + 10 * H, runHours: [6, 10], spot: true }),
      trainer('lora-sweep', ALICE, 'stop', 1, { startAt: 14 * H, runHours: [3, 6], secondRun: true }),
      notebook('nb-carol', CAROL, 'none', 0.5),
    ],
  },
  {
    name: 'notebook-team',
    start: '2026-11-04T00:00:00Z',
    minutes: 4 * D,
    seed: 'notebook-team',
    ...calm,
    pods: [
      notebook('nb-1', ALICE, 'stop', 0.2),
      notebook('nb-2', BOB, 'none', 0.1),
      notebook('nb-3', CAROL, 'keep', 0.5, L40S),
      notebook('nb-4', DAVE, 'none', 0.7),
      notebook('nb-5', ERIN, 'stop', 0, A100),
      notebook('nb-6', FRANK, 'none', 0.3, A100),
      notebook('nb-7', ALICE, 'none', 0.9),
    ],
  },
  {
    name: 'inference-fleet',
    start: '2026-11-16T00:00:00Z',
    minutes: 3 * D,
    seed: 'inference-fleet',
    ...calm,
    pods: [
      inference('api-prod', ERIN, 'keep', null, 2),
      inference('api-staging', ERIN, 'keep', null),
      inference('demo-server', BOB, 'none', 1),
      inference('embed-api', FRANK, 'stop', null),
      notebook('nb-erin', ERIN, 'stop', 0.4),
    ],
  },
  {
    name: 'spot-market',
    start: '2026-11-17T00:00:00Z',
    minutes: 3 * D,
    seed: 'spot-market',
    ...calm,
    pods: [
      trainer('spot-1', ALICE, 'none', 2, { startAt: 1 * H, runHours: [20, 30], spot: true }),
      trainer('spot-2', BOB, 'stop', 4, { startAt: 8 * H, runHours: [10, 18], spot: true, secondRun: true }),
      trainer('spot-3', CAROL, 'keep', 1, {
        startAt: D + 3 * H,
        runHours: [6, 12],
        spot: true,
        secondRun: true,
      }),
      trainer('spot-4', DAVE, 'none', 8, { startAt: 12 * H, runHours: [14, 24], spot: true, price: H100 }),
      sweep('sweep-dave', DAVE, 'stop'),
    ],
  },
  {
    name: 'flaky-metrics',
    start: '2026-11-23T00:00:00Z',
    minutes: 3 * D,
    seed: 'flaky-metrics',
    missingRate: 0.03,
    outagesPerDay: 3,
    outageMinutes: [3, 20],
    pods: [
      notebook('nb-flaky', ALICE, 'none', 0.2),
      trainer('train-flaky', BOB, 'none', 4, { startAt: 6 * H, runHours: [16, 24] }),
      inference('api-flaky', ERIN, 'keep', null),
      forgotten('scratch-flaky', CAROL, 10 * H, 2),
      sweep('sweep-flaky', DAVE, 'stop'),
      notebook('nb-flaky-2', FRANK, 'stop', 0.5),
    ],
  },
  {
    name: 'long-weekend',
    start: '2026-11-27T00:00:00Z',
    minutes: 4 * D,
    seed: 'long-weekend',
    ...calm,
    pods: [
      notebook('nb-fri', ALICE, 'none', 0),
      notebook('nb-fri-2', BOB, 'stop', 0),
      trainer('friday-run', CAROL, 'none', 4, { startAt: 14 * H, runHours: [6, 10] }),
      forgotten('demo-prep', DAVE, 16 * H, 2, H100),
      inference('api-weekend', ERIN, 'keep', null),
      forgotten('orphan-weekend', null, 11 * H, 1),
    ],
  },
  {
    name: 'month-end-crunch',
    start: '2026-11-30T00:00:00Z',
    minutes: 4 * D,
    seed: 'month-end-crunch',
    ...calm,
    pods: [
      trainer('big-run', CAROL, 'none', 8, { startAt: 1 * H, runHours: [50, 70], price: H100 }),
      trainer('ablation-1', ALICE, 'stop', 2, { startAt: 9 * H, runHours: [6, 10], secondRun: true }),
      trainer('ablation-2', ALICE, 'stop', 2, { startAt: 10 * H, runHours: [6, 10], secondRun: true }),
      trainer('spot-crunch', DAVE, 'none', 4, { startAt: D + 8 * H, runHours: [12, 20], spot: true }),
      notebook('nb-bob', BOB, 'none', 0.2),
      notebook('nb-erin', ERIN, 'keep', 0.5, L40S),
      notebook('nb-frank', FRANK, 'stop', 0.1, A100),
      inference('api-crunch', ERIN, 'keep', null),
      sweep('sweep-carol', CAROL, 'stop'),
      forgotten('scratch-bob', BOB, 2 * D + 13 * H, 1, H100),
    ],
  },
];

/**
 * The small committed trace (bench/traces/sample.jsonl): six hours of three pods. A notebook left
 * idle after a morning's work (no answer), a fine-tuning run with checkpoint dips and one long
 * CPU-bound phase (no answer), and a notebook whose owner answers "Stop now".
 */
export const SAMPLE_TRACE_SPEC: TraceSpec = {
  name: 'sample',
  start: '2026-11-02T09:00:00Z',
  minutes: 6 * H,
  seed: 'sample',
  missingRate: 0.01,
  outagesPerDay: 0,
  outageMinutes: [0, 0],
  pods: [
    pod({
      id: 'nb-alice',
      name: 'alice-notebook',
      owner: ALICE,
      answer: 'none',
      gpuCount: 1,
      gpuPrice: RTX4090,
      behaviour: {
        kind: 'script',
        stretches: [
          ['interactive', 70],
          ['away', 20],
          ['interactive', 60],
          ['idle', 210],
        ],
      },
    }),
    pod({
      id: 'ft-bob',
      name: 'bob-finetune',
      owner: BOB,
      answer: 'none',
      gpuCount: 2,
      gpuPrice: A100,
      cpuWhenIdle: 'background',
      behaviour: {
        kind: 'script',
        stretches: [
          ['preprocess', 8],
          ['train', 60],
          ['checkpoint', 8],
          ['train', 50],
          ['preprocess', 45],
          ['train', 70],
          ['checkpoint', 6],
          ['train', 40],
          ['idle', 73],
        ],
      },
    }),
    pod({
      id: 'sd-carol',
      name: 'carol-diffusion',
      owner: CAROL,
      answer: 'stop',
      gpuCount: 1,
      gpuPrice: L40S,
      behaviour: {
        kind: 'script',
        stretches: [
          ['interactive', 100],
          ['idle', 260],
        ],
      },
    }),
  ],
};
