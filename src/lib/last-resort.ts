/**
 * The process's last line of defence. An unhandled promise rejection is a bug in one piece of
 * work, not a broken process: it is logged and the process keeps serving. An uncaught exception
 * leaves the process in a state Node does not vouch for: it is logged and the process exits with
 * status 1, so that its supervisor (Docker's restart policy, Kubernetes, systemd) starts a fresh
 * one; every piece of state lives in the database, so the restart loses nothing.
 */
import type { Logger } from './logger.js';

type ProcessEvents = {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
};

export function installLastResortHandlers(
  target: ProcessEvents,
  options: { logger: Logger; exit: (code: number) => void },
): void {
  let exiting = false;
  target.on('unhandledRejection', (reason) => {
    options.logger.error({ err: reason }, 'unhandled promise rejection; still serving');
  });
  target.on('uncaughtException', (error) => {
    if (exiting) return;
    exiting = true;
    options.logger.error({ err: error }, 'uncaught exception; exiting for a restart');
    options.exit(1);
  });
}
