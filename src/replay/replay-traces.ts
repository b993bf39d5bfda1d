import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../lib/result.js';
import { isValidTimeZone } from '../lib/time-zone.js';
import { parseTrace, type TraceError } from './parse-trace.js';
import type { PolicyRun } from './policy-run.js';
import { type PodwardenReplayOptions, runPodwarden } from './run-podwarden.js';
import { type ReplayResult, scoreRun } from './score-run.js';
import { runNonePolicy, runSilentPolicy } from './silent-policies.js';
import type { LabelledTrace } from './trace.js';

/** Replays one trace under every policy, in the order none, runpod-monitor, silent-30m, podwarden. */
export async function replayTrace(
  labelled: LabelledTrace,
  options: PodwardenReplayOptions = {},
): Promise<ReplayResult[]> {
  const { trace, truth } = labelled;
  const runs: PolicyRun[] = [
    runNonePolicy(),
    runSilentPolicy(trace, 'runpod-monitor'),
    runSilentPolicy(trace, 'silent-30m'),
    await runPodwarden(trace, options),
  ];
  return runs.map((run) => scoreRun(trace, truth, run));
}

export type ReplayFileError = TraceError | { kind: 'unreadable'; trace: string; message: string };

/** The trace's name in the output: its file name without `.jsonl`. */
export const traceName = (file: string): string => path.basename(file).replace(/\.jsonl$/i, '');

export async function readTrace(file: string): Promise<Result<LabelledTrace, ReplayFileError>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return err({ kind: 'unreadable', trace: file, message });
  }
  const parsed = parseTrace(traceName(file), text);
  // Errors name the file as given, so that the user can open it.
  if (!parsed.ok) return err({ ...parsed.error, trace: file });
  const zones = await readOwnerZones(zonesFile(file));
  if (!zones.ok) return zones;
  if (zones.value === null) return parsed;
  return ok({ ...parsed.value, trace: { ...parsed.value.trace, ownerZones: zones.value } });
}

/** `lab.jsonl` → `lab.zones.json`: the owners' time zones of a trace, when the file exists. */
export const zonesFile = (file: string): string => `${file.replace(/\.jsonl$/i, '')}.zones.json`;

const ZonesSchema = z.record(z.string(), z.string().refine(isValidTimeZone, 'is not an IANA time zone'));

async function readOwnerZones(file: string): Promise<Result<Map<string, string> | null, ReplayFileError>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
    return err({
      kind: 'unreadable',
      trace: file,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (_notJson) {
    return err({ kind: 'invalid_trace', trace: file, line: 1, message: 'is not JSON' });
  }
  const zones = ZonesSchema.safeParse(json);
  if (!zones.success) {
    return err({
      kind: 'invalid_trace',
      trace: file,
      line: 1,
      message: zones.error.issues[0]?.message ?? 'bad zones',
    });
  }
  return ok(new Map(Object.entries(zones.data)));
}

/**
 * Reads and replays trace files one after the other, handing each result line to `emit` as soon
 * as its trace is done. Stops at the first file that cannot be read or parsed.
 */
export async function replayFiles(
  files: readonly string[],
  emit: (result: ReplayResult) => void,
  options: PodwardenReplayOptions = {},
): Promise<Result<ReplayResult[], ReplayFileError>> {
  const all: ReplayResult[] = [];
  for (const file of files) {
    const labelled = await readTrace(file);
    if (!labelled.ok) return labelled;
    for (const result of await replayTrace(labelled.value, options)) {
      emit(result);
      all.push(result);
    }
  }
  return ok(all);
}

export function describeReplayError(error: ReplayFileError): string {
  return error.kind === 'unreadable'
    ? `cannot read ${error.trace}: ${error.message}`
    : `${error.trace}:${error.line}: ${error.message}`;
}
