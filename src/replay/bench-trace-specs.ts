import type { OwnerAnswer } from './trace-schema.js';
import {
  A100,
  A6000,
  ALICE,
  BOB,
  CAROL,
  DAVE,
  ERIN,
  FRANK,
  H100,
  L40S,
  pod,
  RTX4090,
  type TraceSpec,
} from './trace-spec.js';

const H = 60;
const D = 24 * H;

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
