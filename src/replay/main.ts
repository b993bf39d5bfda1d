import { runReplayCli } from './replay-cli.js';

// Entry point of `npm run replay`: the only place here that reads argv and sets the exit status.
try {
  process.exitCode = await runReplayCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
