import type { ServiceDeps } from './ports.js';

/** Placeholder: filled in by its own change. */
export function createPodService(_deps: ServiceDeps) {
  return {};
}
