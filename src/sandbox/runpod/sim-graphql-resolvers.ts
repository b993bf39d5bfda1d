import { GraphQLError } from 'graphql';
import type { SimFaults } from './sim-faults.js';
import { stockStatusOf } from './sim-gpu-catalogue.js';
import type { SimMutation } from './sim-http.js';
import {
  CAPACITY_MESSAGE,
  type DeployInput,
  NO_INSTANCES_MESSAGE,
  type SimOutcome,
  type SimPod,
} from './sim-pod.js';
import type { SimWorld } from './sim-world.js';

/**
 * The GraphQL root value: Query and Mutation fields over the world. Objects handed to graphql-js
 * are plain data in RunPod's shape; `runtime`, `pods` and `lowestPrice` are functions, which the
 * default resolver calls only when the field is selected.
 */
export type ResolverContext = {
  world: SimWorld;
  faults: SimFaults;
  /** Whether the caller sent the right key; with none, myself is null and mutations fail. */
  authenticated: boolean;
  recordMutation(mutation: SimMutation): void;
};

type Input<T> = { input?: T | null };

/** A resolver failure as RunPod sends it: HTTP 200 with errors[].extensions.code. */
const runpodError = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });

function podView(world: SimWorld, pod: SimPod) {
  return {
    id: pod.id,
    name: pod.name,
    desiredStatus: pod.desiredStatus,
    imageName: pod.imageName,
    dockerArgs: '',
    dockerId: null,
    env: pod.env,
    gpuCount: pod.gpuCount,
    vcpuCount: pod.vcpuCount,
    memoryInGb: pod.memoryInGb,
    containerDiskInGb: pod.containerDiskInGb,
    volumeInGb: pod.volumeInGb,
    volumeMountPath: pod.volumeMountPath,
    costPerHr: pod.costPerHr,
    adjustedCostPerHr: pod.costPerHr,
    costMultiplier: 1,
    machineId: pod.machineId,
    machine: {
      gpuDisplayName: pod.gpuDisplayName,
      gpuTypeId: pod.gpuTypeId,
      location: pod.location,
      podHostId: `${pod.id}-${pod.machineId.slice(0, 8)}`,
      secureCloud: pod.cloudType === 'SECURE',
      supportPublicIp: true,
      listed: true,
      costPerHr: pod.costPerHr,
      currentPricePerGpu: pod.gpuCount > 0 ? pod.costPerHr / pod.gpuCount : null,
    },
    podType: pod.podType,
    // Our reading: the per-GPU floor a bid must reach, for spot pods only (not confirmed by RunPod).
    lowestBidPriceToResume:
      pod.podType === 'INTERRUPTABLE'
        ? (world.gpuTypes().find((g) => g.id === pod.gpuTypeId)?.communitySpotPrice ?? null)
        : null,
    lastStatusChange: pod.lastStatusChange,
    lastStartedAt: pod.startedAt?.toISOString() ?? null,
    createdAt: pod.createdAt.toISOString(),
    // RunPod publishes this as a permanent 0 (runpod-api.md §2.2); runtime.uptimeInSeconds is real.
    uptimeSeconds: 0,
    port: null,
    ports: pod.ports,
    templateId: null,
    networkVolumeId: pod.networkVolumeId,
    containerRegistryAuthId: null,
    locked: pod.locked,
    // Spec-only fields nobody selects; their values here are guesses (not verified live).
    volumeEncrypted: false,
    gpuPowerLimitPercent: 100,
    latestTelemetry: null,
    runtime: () => world.runtime(pod.id),
  };
}

function gpuTypeView(world: SimWorld, type: ReturnType<SimWorld['gpuTypes']>[number]) {
  return {
    id: type.id,
    displayName: type.displayName,
    manufacturer: type.manufacturer,
    memoryInGb: type.memoryInGb,
    cudaCores: null,
    secureCloud: true,
    communityCloud: true,
    securePrice: type.securePrice,
    communityPrice: type.communityPrice,
    secureSpotPrice: type.secureSpotPrice,
    communitySpotPrice: type.communitySpotPrice,
    oneWeekPrice: null,
    oneMonthPrice: null,
    threeMonthPrice: null,
    maxGpuCount: type.maxGpuCount,
    maxGpuCountCommunityCloud: type.maxGpuCount,
    maxGpuCountSecureCloud: type.maxGpuCount,
    minPodGpuCount: 1,
    lowestPrice: (args: Input<{ gpuCount: number }>) => {
      const current = world.gpuTypes().find((g) => g.id === type.id) ?? type;
      const gpuCount = args.input?.gpuCount ?? 1;
      return {
        minimumBidPrice: current.communitySpotPrice,
        uninterruptablePrice: current.communityPrice,
        stockStatus: current.available >= gpuCount ? stockStatusOf(current.available) : 'None',
        availableGpuCounts: Array.from(
          { length: Math.min(current.available, current.maxGpuCount) },
          (_, i) => i + 1,
        ),
        gpuName: current.displayName,
        gpuTypeId: current.id,
        minMemory: null,
        minVcpu: null,
        maxGpuCount: current.maxGpuCount,
      };
    },
  };
}

type DeployArgs = {
  name?: string | null;
  imageName?: string | null;
  templateId?: string | null;
  gpuTypeId?: string | null;
  gpuCount?: number | null;
  cloudType?: 'SECURE' | 'COMMUNITY' | 'ALL' | null;
  containerDiskInGb?: number | null;
  volumeInGb?: number | null;
  volumeMountPath?: string | null;
  ports?: string | null;
  env?: ({ key: string; value: string } | null)[] | null;
  bidPerGpu?: number | null;
  computeType?: 'CPU' | 'GPU' | null;
  instanceIds?: (string | null)[] | null;
  networkVolumeId?: string | null;
  dataCenterId?: string | null;
};

/** A CPU instance id as runpod-python builds it: `<flavor>-<vCPUs>-<GB>`, e.g. `cpu3c-4-8`. */
function cpuOf(args: DeployArgs): { flavorId: string; vcpuCount: number } | null {
  if (args.computeType !== 'CPU') return null;
  const [flavorId, vcpus] = (args.instanceIds?.[0] ?? '').split('-');
  return { flavorId: flavorId ?? '', vcpuCount: Number(vcpus ?? 0) };
}

function toDeployInput(args: DeployArgs, bidPerGpu: number | null): DeployInput {
  const cpu = cpuOf(args);
  return {
    name: args.name ?? 'pod',
    imageName: args.imageName ?? null,
    gpuTypeId: cpu ? null : (args.gpuTypeId ?? null),
    gpuCount: cpu ? 0 : (args.gpuCount ?? (args.gpuTypeId ? 1 : 0)),
    cloudType: args.cloudType ?? 'ALL',
    containerDiskInGb: args.containerDiskInGb ?? null,
    volumeInGb: args.volumeInGb ?? null,
    volumeMountPath: args.volumeMountPath ?? null,
    ports: args.ports ?? null,
    env: (args.env ?? []).flatMap((e) => (e ? [`${e.key}=${e.value}`] : [])),
    bidPerGpu,
    templateId: args.templateId ?? null,
    cpu,
    networkVolumeId: args.networkVolumeId ?? null,
    dataCenterId: args.dataCenterId ?? null,
  };
}

export function createRootValue(context: ResolverContext) {
  const { world, faults } = context;

  /** Every mutation: the key must be there and allowed to write; the attempt is recorded. */
  const mutate = <T>(name: string, podId: string | null, run: () => SimOutcome<T>): T => {
    if (!context.authenticated || faults.take('unauthorized_mutation')) throw runpodError('Unauthorized');
    const outcome = run();
    const created = outcome.ok && outcome.value && typeof outcome.value === 'object' && 'id' in outcome.value;
    const recordedId = podId ?? (created ? String((outcome.value as { id: unknown }).id) : null);
    context.recordMutation({ name, podId: recordedId, at: world.clock.now(), ok: outcome.ok });
    if (!outcome.ok) throw runpodError(outcome.error.message);
    return outcome.value;
  };

  const capacityFault = (message: string) => (): SimOutcome<never> => ({
    ok: false,
    error: { code: 'capacity', message },
  });

  const deploy = (name: string, args: DeployArgs | null | undefined, spot: boolean) => {
    const input = args ?? {};
    if (!input.imageName && !input.templateId) {
      return mutate(name, null, () => ({
        ok: false,
        error: { code: 'invalid', message: 'Either imageName or templateId is required.' },
      }));
    }
    const floor = world.gpuTypes().find((g) => g.id === input.gpuTypeId)?.communitySpotPrice ?? 0.2;
    const bid = spot ? (input.bidPerGpu ?? floor) : null;
    const run = faults.take('capacity')
      ? capacityFault(NO_INSTANCES_MESSAGE)
      : () => world.deploy(toDeployInput(input, bid));
    return podView(world, mutate(name, null, run));
  };

  return {
    myself: () => {
      if (!context.authenticated) return null;
      const account = world.account();
      return {
        ...account,
        pubKey: null,
        notifyPodsStale: true,
        notifyPodsGeneral: true,
        notifyLowBalance: true,
        pods: () => world.pods().map((pod) => podView(world, pod)),
        networkVolumes: () => world.networkVolumes(),
      };
    },
    pod: (args: Input<{ podId: string }>) => {
      if (!context.authenticated || !args.input) return null;
      const pod = world.pod(args.input.podId);
      return pod ? podView(world, pod) : null;
    },
    gpuTypes: (args: Input<{ id?: string | null; ids?: string[] | null }>) =>
      world
        .gpuTypes()
        .filter((g) => !args.input?.id || g.id === args.input.id)
        .filter((g) => !args.input?.ids || args.input.ids.includes(g.id))
        .map((g) => gpuTypeView(world, g)),

    podStop: (args: Input<{ podId: string }>) => {
      const podId = args.input?.podId ?? '';
      return podView(
        world,
        mutate('podStop', podId, () => world.stop(podId)),
      );
    },
    podResume: (args: Input<{ podId?: string | null; gpuCount?: number | null }>) => {
      const podId = args.input?.podId ?? '';
      const run = faults.take('capacity')
        ? capacityFault(CAPACITY_MESSAGE)
        : () => world.resume(podId, { gpuCount: args.input?.gpuCount ?? null, spot: false });
      return podView(world, mutate('podResume', podId, run));
    },
    podBidResume: (args: Input<{ podId: string; bidPerGpu: number; gpuCount: number }>) => {
      const input = args.input;
      const podId = input?.podId ?? '';
      const run = faults.take('capacity')
        ? capacityFault(CAPACITY_MESSAGE)
        : () => world.resume(podId, { gpuCount: input?.gpuCount, bidPerGpu: input?.bidPerGpu, spot: true });
      return podView(world, mutate('podBidResume', podId, run));
    },
    podTerminate: (args: Input<{ podId: string }>) => {
      const podId = args.input?.podId ?? '';
      mutate('podTerminate', podId, () => world.terminate(podId));
      return null;
    },
    podFindAndDeployOnDemand: (args: Input<DeployArgs>) =>
      deploy('podFindAndDeployOnDemand', args.input, false),
    podRentInterruptable: (args: Input<DeployArgs>) => deploy('podRentInterruptable', args.input, true),
  };
}
