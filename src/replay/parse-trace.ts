import { err, ok, type Result } from '../lib/result.js';
import type { GroundTruth, LabelledTrace, TracePod, TraceSample } from './trace.js';
import { type OwnerAnswer, TraceHeaderSchema, type TraceLabel, TraceLineSchema } from './trace-schema.js';

export type TraceError = { kind: 'invalid_trace'; trace: string; line: number; message: string };

type PodRows = {
  answer: OwnerAnswer | null;
  samples: (TraceSample | undefined)[];
  labels: (TraceLabel | undefined)[];
};

const issueText = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (_notJson) {
    // Reported to the caller with the line number.
    return { ok: false };
  }
}

/**
 * Parses a JSON Lines trace (CONTRACT.md "Replay traces"). Blank lines are skipped. The labels are
 * split off into the ground truth; the trace itself carries only what RunPod would report.
 */
export function parseTrace(name: string, text: string): Result<LabelledTrace, TraceError> {
  const fail = (line: number, message: string) =>
    err<TraceError>({ kind: 'invalid_trace', trace: name, line, message });
  const lines = text.split(/\r?\n/);
  let header: { start: Date; stepMs: number } | null = null;
  const pods = new Map<string, PodRows>();
  let steps = 0;

  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    if (raw.trim() === '') continue;
    const json = parseJson(raw);
    if (!json.ok) return fail(lineNo, 'not valid JSON');
    if (header === null) {
      const parsed = TraceHeaderSchema.safeParse(json.value);
      if (!parsed.success)
        return fail(lineNo, `first line must be {"start","step"}: ${issueText(parsed.error.issues)}`);
      header = { start: new Date(parsed.data.start), stepMs: parsed.data.step };
      continue;
    }
    const parsed = TraceLineSchema.safeParse(json.value);
    if (!parsed.success) return fail(lineNo, issueText(parsed.error.issues));
    const row = parsed.data;
    let pod = pods.get(row.pod);
    if (!pod) {
      pod = { answer: null, samples: [], labels: [] };
      pods.set(row.pod, pod);
    }
    if (pod.samples[row.t] !== undefined)
      return fail(lineNo, `pod ${row.pod} has two lines at step ${row.t}`);
    if (pod.answer === null && row.answer !== undefined) pod.answer = row.answer;
    pod.samples[row.t] = {
      status: row.status,
      name: row.name,
      owner: row.owner ?? null,
      costPerHr: row.costPerHr,
      gpus: row.gpus,
      gpuMem: row.gpuMem ?? [],
      cpu: row.cpu ?? null,
    };
    pod.labels[row.t] = row.label;
    steps = Math.max(steps, row.t + 1);
  }
  if (header === null) return fail(1, 'the trace is empty: the first line must be {"start","step"}');

  const tracePods: TracePod[] = [];
  const truth = new Map<string, (TraceLabel | undefined)[]>();
  for (const [id, rows] of pods) {
    // Sparse arrays become dense ones of the full length, so that every index is defined or undefined.
    tracePods.push({
      id,
      answer: rows.answer ?? 'none',
      samples: Array.from({ length: steps }, (_, t) => rows.samples[t]),
    });
    truth.set(
      id,
      Array.from({ length: steps }, (_, t) => rows.labels[t]),
    );
  }
  const groundTruth: GroundTruth = truth;
  return ok({
    trace: { name, start: header.start, stepMs: header.stepMs, steps, pods: tracePods },
    truth: groundTruth,
  });
}
