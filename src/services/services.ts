import { createAccessService } from './access-service.js';
import { createCostService } from './cost-service.js';
import { createDigestService } from './digest-service.js';
import { createIdleService } from './idle-service.js';
import { createMemoryService } from './memory-service.js';
import { createPodService } from './pod-service.js';
import type { ServiceDeps } from './ports.js';
import { createStoppedService } from './stopped-service.js';

/** The use cases, built once by the composition root and handed to slack/ and jobs/. */
export type Services = {
  pods: ReturnType<typeof createPodService>;
  idle: ReturnType<typeof createIdleService>;
  cost: ReturnType<typeof createCostService>;
  digests: ReturnType<typeof createDigestService>;
  stopped: ReturnType<typeof createStoppedService>;
  memory: ReturnType<typeof createMemoryService>;
  access: ReturnType<typeof createAccessService>;
};

export function createServices(deps: ServiceDeps): Services {
  return {
    pods: createPodService(deps),
    idle: createIdleService(deps),
    cost: createCostService(deps),
    digests: createDigestService(deps),
    stopped: createStoppedService(deps),
    memory: createMemoryService(deps),
    access: createAccessService(deps),
  };
}
