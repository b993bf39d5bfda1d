import { A100, ALICE, BOB, CAROL, L40S, pod, RTX4090, type TraceSpec } from './trace-spec.js';

const H = 60;

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
