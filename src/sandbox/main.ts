/**
 * `npm run sandbox`: podwarden with nothing but Node. The RunPod simulator (demo pods whose GPU use
 * rises and falls), the Slack stand-in, the real podwarden app and a chat page on PORT (3000),
 * wired over real HTTP. `--fast` shortens the demo timings further. Ctrl-C stops everything.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../lib/clock.js';
import { createRootLogger } from '../root-logger.js';
import { humanLogDestination } from './console-log.js';
import { createDemoWorld, demoPodIds } from './runpod/demo-world.js';
import { startSandbox } from './start-sandbox.js';
import { startSandboxPage } from './web/start-sandbox-page.js';

const fast = process.argv.includes('--fast');
const pagePort = Number(process.env.PORT ?? 3000);

/**
 * Demo timings: an idle prompt within a few minutes (fast: within a minute), whatever the hour of
 * the demo; the owner's-hours windows and grace are shortened alike.
 */
const timings = fast
  ? {
      POLL_INTERVAL: '2s',
      IDLE_AFTER: '30s',
      IDLE_WARMUP: '0s',
      IDLE_GRACE: '1m',
      IDLE_AFTER_WORK_HOURS: '30s',
      IDLE_AFTER_SPORADIC: '30s',
      IDLE_AFTER_COMEBACK: '45s',
      IDLE_GRACE_OFF_HOURS: '1m',
    }
  : {
      POLL_INTERVAL: '10s',
      IDLE_AFTER: '2m',
      IDLE_WARMUP: '1m',
      IDLE_GRACE: '4m',
      IDLE_AFTER_WORK_HOURS: '2m',
      IDLE_AFTER_SPORADIC: '2m',
      IDLE_AFTER_COMEBACK: '3m',
      IDLE_GRACE_OFF_HOURS: '4m',
    };

async function main(): Promise<void> {
  const databasePath = path.resolve('data', 'sandbox.db');
  mkdirSync(path.dirname(databasePath), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });

  const logger = createRootLogger(process.env.LOG_LEVEL ?? 'warn', humanLogDestination(process.stderr));
  const sandbox = await startSandbox({
    clock: systemClock,
    world: createDemoWorld(systemClock, { timeScale: fast ? 0.1 : 1 }),
    seedDemoOwners: true,
    seedDemoHistory: true,
    databasePath,
    env: { ...timings, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    logger,
  });
  let page: Awaited<ReturnType<typeof startSandboxPage>>;
  try {
    page = await startSandboxPage({ standIn: sandbox.slack, port: pagePort });
  } catch (error) {
    await sandbox.close();
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      code === 'EADDRINUSE'
        ? `podwarden sandbox: port ${pagePort} is already in use (set PORT to another port)\n`
        : `podwarden sandbox: cannot start the page: ${String(error)}\n`,
    );
    process.exit(1);
  }

  process.stdout.write(
    [
      '',
      `  podwarden sandbox${fast ? ' (fast)' : ''} is running: open http://localhost:${page.port}`,
      '',
      `  Inside: a simulated RunPod account with ${Object.keys(demoPodIds).length} demo pods, a local stand-in for Slack, and the real`,
      `  podwarden app (RunPod simulator ${sandbox.sim.url}, Slack stand-in ${sandbox.slack.url}, database ${databasePath}).`,
      '',
      '  The page opens as Alice, in #gpu-team. Try:',
      '    /pod list                      every pod, with Stop / Resume buttons',
      '    /pod status alice-notebook     one pod in detail, GPU sparkline included (and an exposure warning)',
      '    /pod stop vllm                 refused: it belongs to Bob (switch to Ada, the admin, and it works)',
      '    /pod cost week                 who spent what, what idling cost, and the serverless endpoints',
      '    /pod digest now                the daily digest with its chart',
      '    /pod deploy                    the form: start from the template "team llama fine-tune"',
      '    /pod connect alice-notebook    its Jupyter link and the SSH commands',
      '    /pod logs alice-notebook 20    the last lines of its container log, secrets masked',
      `  Within ${fast ? 'a minute' : 'a few minutes'} Alice gets a DM about her idle notebook: answer Stop now or Keep.`,
      '  Ada (the admin) is nudged about dataset-prep, stopped for two weeks: Terminate…, Keep 30 days or Remind me.',
      '  About ten minutes in, Bob is warned that the GPU memory of bob-rl-busy is almost full.',
      `  About ${fast ? 'three' : 'thirty'} minutes in, RunPod interrupts Ada's spot pod flux-spot-batch; autoresume is on, so podwarden bid-resumes it (replies under the notice).`,
      `  Idle timings: ${Object.entries(timings)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(1), 5_000);
    timer.unref();
    Promise.all([page.close(), sandbox.close()])
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();
