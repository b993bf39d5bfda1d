/**
 * Process entry: the only reader of process.env and the only caller of process.exit (with the
 * other entry points: sandbox, bench, replay).
 */
import { buildApp } from './app.js';
import { formatConfigProblems, loadConfig } from './config/load-config.js';
import { installLastResortHandlers } from './lib/last-resort.js';
import type { Logger } from './lib/logger.js';
import { createRootLogger } from './root-logger.js';

const SHUTDOWN_BUDGET_MS = 5_000;

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigProblems(loaded.problems)}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createRootLogger(config.logLevel);
  installLastResortHandlers(process, {
    logger: logger as unknown as Logger,
    exit: (code) => process.exit(code),
  });

  let app: Awaited<ReturnType<typeof buildApp>>;
  let port: number;
  try {
    app = await buildApp({ config, logger });
    ({ port } = await app.start());
  } catch (error) {
    process.stderr.write(`podwarden: cannot start: ${describeStartError(error, config.port)}\n`);
    process.exit(1);
  }
  logger.info({ port, mode: config.slack.appToken ? 'socket' : 'http' }, 'podwarden is running');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ budgetMs: SHUTDOWN_BUDGET_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_BUDGET_MS);
    timer.unref();
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

function describeStartError(error: unknown, port: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use (set PORT to another port)`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'unknown error';
}

await main();
