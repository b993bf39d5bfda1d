import type { ServiceDeps } from './ports.js';

/** Placeholder: filled in by its own change. */
export function createCostService(_deps: ServiceDeps) {
  return {};
}
