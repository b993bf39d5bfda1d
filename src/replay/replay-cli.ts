import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSampleTrace, writeTraces } from './generate-traces.js';
import { NEW_TRACE_SPECS } from './new-trace-specs.js';
import { describeReplayError, replayFiles } from './replay-traces.js';

export type CliIo = { out(line: string): void; err(line: string): void };

export const REPLAY_USAGE = `usage: npm run replay -- <trace.jsonl>…
       npm run replay -- --generate <dir>

Replays each trace through podwarden's idle logic (default settings) and through the silent
stoppers it is compared with, on a virtual clock. Prints one JSON line per trace and policy:
{"trace","policy","idleGpuHours","idleUsd","keptIdleUsd","wrongfulStops","prompts","falsePrompts","stops","medianMinutesIdleToStop"}

--generate <dir>  writes the eight benchmark traces, the newer ones (with <name>.zones.json, the
                  owners' time zones) and sample.jsonl into <dir> (seeded, the same every time)`;

/** `npm run replay`: returns the exit status (0 when it ran, 1 on an error). */
export async function runReplayCli(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    io.err(REPLAY_USAGE);
    return args.length === 0 ? 1 : 0;
  }
  if (args[0] === '--generate') {
    const dir = args[1];
    if (dir === undefined || args.length > 2) {
      io.err(REPLAY_USAGE);
      return 1;
    }
    const written = [...(await writeTraces(dir)), ...(await writeTraces(dir, NEW_TRACE_SPECS))];
    const sample = path.join(dir, 'sample.jsonl');
    await writeFile(sample, generateSampleTrace());
    for (const trace of [...written, { name: 'sample', file: sample }]) {
      io.err(`wrote ${trace.file}`);
    }
    return 0;
  }
  const unknown = args.find((arg) => arg.startsWith('--'));
  if (unknown !== undefined) {
    io.err(`unknown option ${unknown}\n${REPLAY_USAGE}`);
    return 1;
  }
  const replayed = await replayFiles(args, (result) => io.out(JSON.stringify(result)));
  if (!replayed.ok) {
    io.err(`replay: ${describeReplayError(replayed.error)}`);
    return 1;
  }
  return 0;
}
