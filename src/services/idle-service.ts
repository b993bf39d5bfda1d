import type { ServiceDeps } from './ports.js';

/** Placeholder: filled in by its own change. */
export function createIdleService(_deps: ServiceDeps) {
  return {};
}
