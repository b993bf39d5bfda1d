import { checkMemory, type MemoryCheckReport } from './memory/check-memory.js';
import type { MemoryMessages } from './memory/memory-messages.js';
import type { ServiceDeps } from './ports.js';

export type { MemoryCheckReport } from './memory/check-memory.js';
export type * from './memory/memory-messages.js';

/** Warn before OOM (MEMORY_WARN_PCT): one message per episode of memory close to full; nothing is stopped. */
export function createMemoryService(deps: ServiceDeps) {
  return {
    /** One pass after a poll; the memory-warnings job calls it every POLL_INTERVAL. */
    check: (messages: MemoryMessages): Promise<MemoryCheckReport> => checkMemory(deps, messages),
  };
}
