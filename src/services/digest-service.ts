import type { ServiceDeps } from './ports.js';

/** Placeholder: filled in by its own change. */
export function createDigestService(_deps: ServiceDeps) {
  return {};
}
