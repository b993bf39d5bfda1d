import type { OwnerAnswer } from './trace-schema.js';
import {
  A100,
  ALICE,
  BOB,
  CAROL,
  H100,
  L40S,
  type PodSpec,
  pod,
  RTX4090,
  type TraceSpec,
} from './trace-spec.js';

const H = 60;
const D = 24 * H;

const KEN = 'U07KEN';
const MAYA = 'U08MAYA';
const TOKYO = 9 * H;
/** Los Angeles in November, after DST ended: UTC−8. */
const LOS_ANGELES = -8 * H;

const notebook = (
  id: string,
  owner: string,
  answer: OwnerAnswer,
  offset: number,
  stopsAtNight = 0.3,
): PodSpec =>
  pod({
    id,
    name: `${id}-notebook`,
    owner,
    answer,
    gpuCount: 1,
    gpuPrice: RTX4090,
    behaviour: { kind: 'notebook', stopsAtNight },
    localOffsetMinutes: offset,
  });

const calm = { missingRate: 0.003, outagesPerDay: 1, outageMinutes: [2, 6] as [number, number] };

/**
 * Servers that answer a stray request now and then through the night, whose owners never answer
 * a prompt: one retired after two days, one kept serving. Small enough (three days, two pods) to
 * be committed as `bench/traces/stray-requests.jsonl`.
 */
export const STRAY_REQUESTS: TraceSpec = {
  name: 'stray-requests',
  start: '2026-11-30T00:00:00Z',
  minutes: 3 * D,
  seed: 'stray-requests',
  ...calm,
  pods: [
    pod({
      id: 'demo-api',
      name: 'demo-api',
      owner: BOB,
      answer: 'none',
      gpuCount: 1,
      gpuPrice: L40S,
      behaviour: { kind: 'inference', retireDay: 2 },
    }),
    pod({
      id: 'eval-api',
      name: 'eval-api',
      owner: CAROL,
      answer: 'none',
      gpuCount: 1,
      gpuPrice: L40S,
      behaviour: { kind: 'inference', retireDay: null },
    }),
  ],
};

/**
 * Traces added after the idle signals were tuned on the eight (which stay as they were): lunches
 * and meetings of owners in other time zones, a weekend, and owners who keep the same pod again
 * and again.
 */
export const NEW_TRACE_SPECS: readonly TraceSpec[] = [
  {
    name: 'tokyo-lunch',
    start: '2026-11-02T00:00:00Z',
    minutes: 3 * D,
    seed: 'tokyo-lunch',
    ...calm,
    ownerZones: { [KEN]: 'Asia/Tokyo' },
    pods: [
      notebook('nb-ken', KEN, 'none', TOKYO),
      notebook('nb-ken-2', KEN, 'stop', TOKYO, 0.6),
      pod({
        id: 'ken-train',
        name: 'ken-train',
        owner: KEN,
        answer: 'none',
        gpuCount: 2,
        gpuPrice: A100,
        cpuWhenIdle: 'background',
        behaviour: { kind: 'trainer', startAt: 10 * H, runHours: [8, 14], spot: false, secondRun: true },
        localOffsetMinutes: TOKYO,
      }),
      notebook('nb-alice', ALICE, 'none', 0),
    ],
  },
  {
    name: 'us-west-meetings',
    start: '2026-11-09T00:00:00Z',
    minutes: 3 * D,
    seed: 'us-west-meetings',
    ...calm,
    ownerZones: { [MAYA]: 'America/Los_Angeles' },
    pods: [
      notebook('nb-maya', MAYA, 'none', LOS_ANGELES, 0.2),
      notebook('nb-maya-2', MAYA, 'stop', LOS_ANGELES, 0.5),
      pod({
        id: 'maya-eval',
        name: 'maya-eval',
        owner: MAYA,
        answer: 'stop',
        gpuCount: 2,
        gpuPrice: L40S,
        behaviour: { kind: 'eval-sweep' },
        localOffsetMinutes: LOS_ANGELES,
      }),
      notebook('nb-bob', BOB, 'stop', 0),
    ],
  },
  {
    name: 'weekend-keepers',
    start: '2026-11-13T00:00:00Z',
    minutes: 4 * D,
    seed: 'weekend-keepers',
    ...calm,
    ownerZones: { [KEN]: 'Asia/Tokyo' },
    pods: [
      notebook('nb-keeper', ALICE, 'keep', 0, 0),
      notebook('nb-ken-keeper', KEN, 'keep', TOKYO, 0),
      pod({
        id: 'demo-api',
        name: 'demo-api',
        owner: BOB,
        answer: 'keep',
        gpuCount: 1,
        gpuPrice: L40S,
        behaviour: { kind: 'inference', retireDay: 1 },
      }),
      pod({
        id: 'friday-scratch',
        name: 'friday-scratch',
        owner: BOB,
        answer: 'none',
        gpuCount: 4,
        gpuPrice: H100,
        behaviour: { kind: 'forgotten', startAt: 15 * H },
      }),
    ],
  },
  STRAY_REQUESTS,
];
