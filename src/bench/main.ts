import path from 'node:path';
import { systemClock } from '../lib/clock.js';
import { runBenchmarks } from './run-benchmarks.js';

// Entry point of `npm run bench`: the only place here that reads argv and sets the exit status.
try {
  process.exitCode = await runBenchmarks(process.argv.slice(2), {
    clock: systemClock,
    resultsDir: path.resolve('bench', 'results'),
    io: {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    },
  });
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
