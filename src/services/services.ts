import { createAccessService } from './access-service.js';
import { createAutoresumeService } from './autoresume-service.js';
import { createCostService } from './cost-service.js';
import { createDigestService } from './digest-service.js';
import { createIdleService } from './idle-service.js';
import { createMemoryService } from './memory-service.js';
import { createPodService } from './pod-service.js';
import { sharePodList } from './pods/shared-pod-list.js';
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
  autoresume: ReturnType<typeof createAutoresumeService>;
};

/** `/pod list` answers within this of RunPod's last answer; concurrent ones share one request. */
export const POD_LIST_FRESH_MS = 2_000;
/** RunPod requests that people's commands may have in flight at once. */
export const COMMAND_RUNPOD_IN_FLIGHT = 4;

export function createServices(deps: ServiceDeps): Services {
  const commandGateway = sharePodList(deps.gateway, deps.clock, {
    freshMs: POD_LIST_FRESH_MS,
    maxInFlight: COMMAND_RUNPOD_IN_FLIGHT,
  });
  return {
    pods: createPodService({ ...deps, gateway: commandGateway }),
    idle: createIdleService(deps),
    cost: createCostService(deps),
    digests: createDigestService(deps),
    stopped: createStoppedService(deps),
    memory: createMemoryService(deps),
    access: createAccessService(deps),
    autoresume: createAutoresumeService(deps, commandGateway),
  };
}
