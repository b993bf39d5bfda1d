import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BENCH_TRACE_SPECS } from './bench-trace-specs.js';
import {
  calendarFrom,
  evalSweepPod,
  forgottenPod,
  inferencePod,
  notebookPod,
  trainerPod,
} from './pod-archetypes.js';
import { type Activity, activityAt, type Stretch, timeline } from './pod-timeline.js';
import { renderMinute } from './render-minute.js';
import { SAMPLE_TRACE_SPEC } from './sample-trace-spec.js';
import { type Random, seededRandom } from './seeded-random.js';
import type { PodSpec, TraceSpec } from './trace-spec.js';

const STEP_MS = 60_000;

function podStretches(rng: Random, spec: TraceSpec, pod: PodSpec): Stretch[] {
  const cal = calendarFrom(new Date(spec.start));
  const b = pod.behaviour;
  switch (b.kind) {
    case 'notebook':
      return notebookPod(rng, cal, spec.minutes, b);
    case 'trainer':
      return trainerPod(rng, cal, spec.minutes, b);
    case 'inference':
      return inferencePod(rng, cal, spec.minutes, b);
    case 'forgotten':
      return forgottenPod(rng, spec.minutes, b);
    case 'eval-sweep':
      return evalSweepPod(rng, cal, spec.minutes);
    case 'script': {
      const builder = timeline(spec.minutes);
      for (const [activity, minutes] of b.stretches) builder.add(activity, minutes);
      return builder.stretches();
    }
  }
}

/**
 * The pod's activity per UTC minute. A pod whose owner lives at another offset follows the
 * owner's days and hours: planned on their clock, then moved onto UTC.
 */
function podActivities(rng: Random, spec: TraceSpec, pod: PodSpec): Activity[] {
  const shift = pod.localOffsetMinutes ?? 0;
  if (shift === 0) return activityAt(podStretches(rng, spec, pod), spec.minutes);
  const localMinutes = spec.minutes + Math.max(0, shift);
  const local = activityAt(podStretches(rng, { ...spec, minutes: localMinutes }, pod), localMinutes);
  return Array.from({ length: spec.minutes }, (_, t) => local[t + shift] ?? 'absent');
}

/** Minutes at which RunPod's API was down: every pod's sample is missing. */
function outageMinutes(rng: Random, spec: TraceSpec): Set<number> {
  const down = new Set<number>();
  const days = Math.ceil(spec.minutes / 1440);
  for (let day = 0; day < days; day++) {
    for (let i = 0; i < spec.outagesPerDay; i++) {
      const from = day * 1440 + rng.int(0, 1439);
      const length = rng.int(spec.outageMinutes[0], spec.outageMinutes[1]);
      for (let m = from; m < from + length; m++) down.add(m);
    }
  }
  return down;
}

/**
 * One trace as JSON Lines (CONTRACT.md "Replay traces"), the same bytes for the same spec: the
 * header, then every pod's line per minute in step order. Labels follow what the pod is doing
 * (render-minute.ts); a running pod's line is left out where its sample is missing.
 */
export function generateTrace(spec: TraceSpec): string {
  const rng = seededRandom(spec.seed);
  const down = outageMinutes(rng.fork('outages'), spec);
  const byStep: string[][] = Array.from({ length: spec.minutes }, () => []);
  for (const pod of spec.pods) {
    const activities = podActivities(rng.fork(`${pod.id}:plan`), spec, pod);
    const sampleRng = rng.fork(`${pod.id}:samples`);
    let first = true;
    const costPerHr = Math.round(pod.gpuPrice * pod.gpuCount * 100) / 100;
    for (let t = 0; t < spec.minutes; t++) {
      const sample = renderMinute(sampleRng, activities[t] ?? 'absent', pod.gpuCount, pod.cpuWhenIdle);
      if (!sample) continue;
      const missing = sample.status === 'RUNNING' && (down.has(t) || sampleRng.chance(spec.missingRate));
      if (missing) continue;
      const line = {
        t,
        pod: pod.id,
        name: pod.name,
        ...(pod.owner === null ? {} : { owner: pod.owner }),
        status: sample.status,
        costPerHr,
        gpus: sample.gpus,
        gpuMem: sample.gpuMem,
        cpu: sample.cpu,
        label: sample.label,
        ...(first ? { answer: pod.answer } : {}),
      };
      first = false;
      byStep[t]?.push(JSON.stringify(line));
    }
  }
  const header = JSON.stringify({ start: spec.start, step: `${STEP_MS / 1000}s` });
  return `${[header, ...byStep.flat()].join('\n')}\n`;
}

export type GeneratedTrace = { name: string; file: string };

/** Writes the eight benchmark traces (and, when asked, the sample) into `dir` as `<name>.jsonl`. */
export async function writeTraces(
  dir: string,
  specs: readonly TraceSpec[] = BENCH_TRACE_SPECS,
): Promise<GeneratedTrace[]> {
  await mkdir(dir, { recursive: true });
  const written: GeneratedTrace[] = [];
  for (const spec of specs) {
    const file = path.join(dir, `${spec.name}.jsonl`);
    await writeFile(file, generateTrace(spec));
    if (spec.ownerZones) {
      await writeFile(path.join(dir, `${spec.name}.zones.json`), `${JSON.stringify(spec.ownerZones)}\n`);
    }
    written.push({ name: spec.name, file });
  }
  return written;
}

export const generateSampleTrace = (): string => generateTrace(SAMPLE_TRACE_SPEC);
