import type { Clock } from '../../lib/clock.js';
import { err, ok } from '../../lib/result.js';
import { buildSimPod, statusText } from './build-sim-pod.js';
import { type BillingSegment, billingRecords, type SimBillingRecord, spendWithin } from './sim-billing.js';
import {
  defaultCpuTypes,
  gpuDataCenters,
  runpodTemplates,
  type SimCpuType,
  type SimTemplate,
} from './sim-deploy-catalogue.js';
import { defaultGpuTypes, podPrice, type SimGpuType } from './sim-gpu-catalogue.js';
import { createIdSource } from './sim-ids.js';
import {
  type AddPodInput,
  CAPACITY_MESSAGE,
  type DeployInput,
  LOCKED_MESSAGE,
  NO_INSTANCES_MESSAGE,
  NOT_FOUND_MESSAGE,
  type SimAccount,
  type SimOutcome,
  type SimPod,
  type SimRuntime,
  SPOT_RESUME_MESSAGE,
} from './sim-pod.js';
import { runtimeOf } from './sim-runtime.js';
import type { SimEndpoint, SimEndpointInput } from './sim-serverless.js';
import { constantScript, idleScript, type SimUtil, type UtilScript } from './util-scripts.js';

export type { AddPodInput, DeployInput, SimOutcome, SimPod, SimRuntime } from './sim-pod.js';

/** A network volume as RunPod's `myself.networkVolumes` lists it; `size` in GB. */
export type SimNetworkVolume = {
  id: string;
  name: string | null;
  size: number | null;
  dataCenterId: string | null;
};

/**
 * The simulated RunPod account: pods, GPU stock, balance and billing, moved along by a Clock.
 * Both the GraphQL and the REST v2 front ends work on it, so a test can drive one API and look at
 * the other. Time-dependent things (spot interruptions, balance running out) are applied lazily
 * whenever the world is read, at the instant they were due.
 */
export type SimWorld = {
  readonly clock: Clock;
  /** Snapshots of every pod the account has (terminated pods are gone). */
  pods(): SimPod[];
  pod(podId: string): SimPod | null;
  /** Live metrics: null when EXITED or still booting. */
  runtime(podId: string): SimRuntime | null;
  addPod(input: AddPodInput): SimPod;
  setScript(podId: string, script: UtilScript): void;
  setUtil(podId: string, util: SimUtil): void;
  /** Spot interruption: the pod goes to EXITED without any API call. */
  interrupt(podId: string): void;
  /** RunPod reclaims a running spot pod now; false (and nothing happens) for any other pod. */
  interruptSpotPod(podId: string): boolean;
  setCapacity(gpuTypeId: string, availableGpus: number): void;
  gpuTypes(): SimGpuType[];
  account(): SimAccount;
  networkVolumes(): SimNetworkVolume[];
  addNetworkVolume(volume: SimNetworkVolume): void;
  /** The account's own templates and RunPod's public ones. */
  templates(): SimTemplate[];
  addTemplate(template: SimTemplate): void;
  cpuTypes(): SimCpuType[];
  /** Names of the account's secrets (their values are never served). */
  secretNames(): string[];
  addSecret(name: string): void;
  billing(from: Date, to: Date, bucketMs?: number): SimBillingRecord[];
  /** Serverless endpoints (podwarden only reads them). */
  endpoints(): SimEndpoint[];
  addEndpoint(endpoint: SimEndpointInput): SimEndpoint;
  stop(podId: string): SimOutcome<SimPod>;
  /** podResume (spot false) and podBidResume (spot true); REST `start` is an on-demand resume. */
  resume(
    podId: string,
    options: { gpuCount?: number | null; bidPerGpu?: number | null; spot: boolean },
  ): SimOutcome<SimPod>;
  restart(podId: string): SimOutcome<SimPod>;
  terminate(podId: string): SimOutcome<null>;
  deploy(input: DeployInput): SimOutcome<SimPod>;
  /** Whether the pod is still booting (RUNNING without runtime). */
  isBooting(podId: string): boolean;
};

export type SimWorldOptions = {
  gpuTypes?: SimGpuType[];
  /** Starting balance in USD; it decreases with spend. null: RunPod reports no balance. */
  balance?: number | null;
  spendLimit?: number;
  /** After a start, runtime stays null this long (the container is starting). */
  bootMs?: number;
  /** Seed for pod and machine ids. */
  seed?: number;
};

export function createSimWorld(clock: Clock, options: SimWorldOptions = {}): SimWorld {
  const catalogue = new Map((options.gpuTypes ?? defaultGpuTypes()).map((g) => [g.id, { ...g }]));
  const pods = new Map<string, SimPod>();
  const scripts = new Map<string, UtilScript>();
  const history = new Map<string, BillingSegment[]>();
  const volumes: SimNetworkVolume[] = [];
  const templates: SimTemplate[] = runpodTemplates();
  const cpuTypes = defaultCpuTypes();
  const secrets: string[] = [];
  const endpoints: SimEndpoint[] = [];
  const ids = createIdSource(options.seed ?? 20_261_102);
  const bootMs = options.bootMs ?? 0;
  const openedAt = clock.now();
  const initialBalance = options.balance === undefined ? 1_000 : options.balance;
  const spendLimit = options.spendLimit ?? 80;
  let balanceExhausted = false;
  /** Bumped by every change to the billing history; sync() is done once per instant and version. */
  let version = 0;
  let synced = { atMs: Number.NaN, version: -1 };

  const openSegment = (pod: SimPod, at: Date) => {
    version++;
    const segments = history.get(pod.id) ?? [];
    segments.push({
      start: at,
      end: null,
      running: pod.desiredStatus === 'RUNNING',
      costPerHr: pod.costPerHr,
      gpuCount: pod.gpuCount,
      containerDiskInGb: pod.containerDiskInGb,
      volumeInGb: pod.volumeInGb,
    });
    history.set(pod.id, segments);
  };
  const closeSegment = (podId: string, at: Date) => {
    version++;
    const last = history.get(podId)?.at(-1);
    if (last && last.end === null) last.end = at;
  };

  const release = (pod: SimPod) => {
    const type = pod.gpuTypeId ? catalogue.get(pod.gpuTypeId) : undefined;
    if (type) type.available += pod.gpuCount;
  };

  const markExited = (pod: SimPod, at: Date, why: string) => {
    if (pod.desiredStatus !== 'RUNNING') return;
    closeSegment(pod.id, at);
    release(pod);
    pod.desiredStatus = 'EXITED';
    pod.startedAt = null;
    pod.lastStatusChange = statusText(why, at);
    openSegment(pod, at);
  };

  const remove = (pod: SimPod, at: Date) => {
    version++;
    if (pod.desiredStatus === 'RUNNING') release(pod);
    closeSegment(pod.id, at);
    pods.delete(pod.id);
    scripts.delete(pod.id);
  };

  const totalSpend = (from: Date, to: Date, now: Date) => {
    let total = 0;
    for (const segments of history.values()) total += spendWithin(segments, from, to, now);
    return total;
  };

  const balanceAt = (now: Date): number | null =>
    initialBalance === null ? null : Math.max(0, initialBalance - totalSpend(openedAt, now, now));

  /** Applies what became due: spot interruptions, and pods stopping when the balance is gone. */
  const sync = () => {
    const now = clock.now();
    // Listing thousands of pods syncs once per pod: the balance (a sum over every pod's history)
    // is computed once per instant unless something changed.
    if (synced.atMs === now.getTime() && synced.version === version) return;
    for (const pod of pods.values()) {
      if (pod.desiredStatus !== 'RUNNING' || pod.startedAt === null || pod.interruptAfterMs === null)
        continue;
      const due = pod.startedAt.getTime() + pod.interruptAfterMs;
      if (due <= now.getTime()) {
        pod.interruptAfterMs = null;
        markExited(pod, new Date(due), 'Interrupted');
      }
    }
    if (!balanceExhausted && initialBalance !== null && (balanceAt(now) ?? 1) <= 0) {
      // RunPod: at $0 pods with a network volume stop, pods without one are terminated.
      balanceExhausted = true;
      for (const pod of [...pods.values()]) {
        if (pod.desiredStatus !== 'RUNNING') continue;
        if (pod.networkVolumeId) markExited(pod, now, 'Stopped: balance reached $0');
        else remove(pod, now);
      }
    }
    synced = { atMs: now.getTime(), version };
  };

  const find = (podId: string): SimOutcome<SimPod> => {
    sync();
    const pod = pods.get(podId);
    return pod ? ok(pod) : err({ code: 'not_found', message: NOT_FOUND_MESSAGE });
  };

  const priceOf = (
    gpuTypeId: string | null,
    gpuCount: number,
    cloud: 'SECURE' | 'COMMUNITY',
    spot: { bidPerGpu: number | null } | null,
  ) => podPrice(gpuTypeId ? catalogue.get(gpuTypeId) : undefined, gpuCount, cloud, spot);

  const snapshot = (pod: SimPod): SimPod => ({ ...pod, env: [...pod.env] });

  const addPod = (input: AddPodInput): SimPod => {
    const now = clock.now();
    const pod = buildSimPod(input, { now, ids, catalogue });
    const { gpuCount, gpuTypeId, createdAt } = pod;
    const status = pod.desiredStatus;
    pods.set(pod.id, pod);
    scripts.set(pod.id, input.script ?? idleScript({ gpuCount }));
    if (status === 'EXITED') {
      const stoppedAt = input.stoppedAt ?? createdAt;
      if (stoppedAt.getTime() > createdAt.getTime()) {
        history.set(pod.id, [
          {
            start: createdAt,
            end: stoppedAt,
            running: true,
            costPerHr: pod.costPerHr,
            gpuCount,
            containerDiskInGb: pod.containerDiskInGb,
            volumeInGb: pod.volumeInGb,
          },
        ]);
      }
      openSegment(pod, stoppedAt);
    } else {
      openSegment(pod, pod.startedAt ?? now);
      const type = gpuTypeId ? catalogue.get(gpuTypeId) : undefined;
      if (type) type.available = Math.max(0, type.available - gpuCount);
    }
    return snapshot(pod);
  };

  const runtime = (podId: string): SimRuntime | null => {
    sync();
    const pod = pods.get(podId);
    if (pod?.desiredStatus !== 'RUNNING' || pod.startedAt === null) return null;
    const elapsed = clock.now().getTime() - pod.startedAt.getTime();
    if (elapsed < bootMs) return null;
    const script = scripts.get(pod.id) ?? idleScript({ gpuCount: pod.gpuCount });
    return runtimeOf(pod, script(Math.max(0, elapsed)), elapsed);
  };

  const resume: SimWorld['resume'] = (podId, options) => {
    const found = find(podId);
    if (!found.ok) return found;
    const pod = found.value;
    if (!options.spot && pod.podType === 'INTERRUPTABLE')
      return err({ code: 'spot_resume', message: SPOT_RESUME_MESSAGE });
    if (pod.desiredStatus === 'RUNNING') return ok(snapshot(pod));
    // A CPU pod has no GPUs to ask for; a GPU pod may come back with fewer, even zero (zero-gpus.mdx).
    const gpuCount = pod.gpuTypeId ? (options.gpuCount ?? pod.gpuCount) : pod.gpuCount;
    const type = pod.gpuTypeId ? catalogue.get(pod.gpuTypeId) : undefined;
    if (type && type.available < gpuCount) return err({ code: 'capacity', message: CAPACITY_MESSAGE });
    const now = clock.now();
    closeSegment(pod.id, now);
    if (type) type.available -= gpuCount;
    if (options.spot && options.bidPerGpu != null) pod.bidPerGpu = options.bidPerGpu;
    if (gpuCount !== pod.gpuCount) {
      const perGpu =
        pod.gpuCount > 0
          ? pod.costPerHr / pod.gpuCount
          : priceOf(
              pod.gpuTypeId,
              1,
              pod.cloudType,
              pod.podType === 'INTERRUPTABLE' ? { bidPerGpu: pod.bidPerGpu } : null,
            );
      pod.gpuCount = gpuCount;
      pod.costPerHr = perGpu * gpuCount;
    }
    if (options.spot && pod.bidPerGpu !== null) pod.costPerHr = pod.bidPerGpu * pod.gpuCount;
    pod.desiredStatus = 'RUNNING';
    pod.startedAt = now;
    pod.lastStatusChange = statusText('Resumed by User', now);
    openSegment(pod, now);
    return ok(snapshot(pod));
  };

  const invalid = (message: string): SimOutcome<never> => err({ code: 'invalid', message });

  const deploy = (input: DeployInput): SimOutcome<SimPod> => {
    sync();
    const template = input.templateId ? templates.find((t) => t.id === input.templateId) : undefined;
    if (input.templateId && !template) return invalid(`Template ${input.templateId} not found.`);
    if (template?.serverless) return invalid(`Template ${template.id} is a serverless template.`);
    const imageName = input.imageName ?? template?.image;
    if (!imageName) return invalid('Either imageName or templateId is required.');
    const volume = input.networkVolumeId ? volumes.find((v) => v.id === input.networkVolumeId) : undefined;
    if (input.networkVolumeId && !volume)
      return invalid(`Network volume ${input.networkVolumeId} not found.`);
    const volumeDc = volume?.dataCenterId ?? null;
    if (volume && input.dataCenterId && volumeDc && input.dataCenterId !== volumeDc) {
      return invalid(`Network volume ${volume.id} is in ${volumeDc}, not ${input.dataCenterId}.`);
    }
    if (volume && input.cloudType === 'COMMUNITY')
      return invalid('Network volumes are in Secure cloud only.');
    const placeIn = volumeDc ?? input.dataCenterId ?? null;
    const type = input.gpuTypeId ? catalogue.get(input.gpuTypeId) : undefined;
    if (input.gpuTypeId && !type) return err({ code: 'no_instances', message: NO_INSTANCES_MESSAGE });
    if (type && type.available < input.gpuCount)
      return err({ code: 'no_instances', message: NO_INSTANCES_MESSAGE });
    if (type && placeIn && !gpuDataCenters(type.id).includes(placeIn))
      return err({ code: 'no_instances', message: NO_INSTANCES_MESSAGE });
    let cpu: { vcpuCount: number; memoryInGb: number; costPerHr: number } | null = null;
    if (input.cpu) {
      const { flavorId, vcpuCount } = input.cpu;
      const cpuType = cpuTypes.find((c) => c.id === flavorId);
      if (!cpuType) return invalid(`CPU type ${flavorId} not found.`);
      if (vcpuCount < cpuType.vcpuMin || vcpuCount > cpuType.vcpuMax) {
        return invalid(`${cpuType.id} has ${cpuType.vcpuMin} to ${cpuType.vcpuMax} vCPUs.`);
      }
      if (placeIn && !cpuType.dataCenterIds.includes(placeIn))
        return err({ code: 'no_instances', message: NO_INSTANCES_MESSAGE });
      cpu = {
        vcpuCount,
        memoryInGb: vcpuCount * cpuType.ramGbPerVcpu,
        costPerHr: Math.round(vcpuCount * cpuType.securePerVcpu * 1000) / 1000,
      };
    }
    const cloud = input.cloudType === 'COMMUNITY' ? 'COMMUNITY' : 'SECURE';
    const templateEnv = Object.entries(template?.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const given = new Set(input.env.map((e) => e.split('=')[0]));
    const pod = addPod({
      name: input.name,
      imageName,
      gpuTypeId: cpu ? null : input.gpuTypeId,
      gpuCount: cpu ? 0 : input.gpuCount,
      cloudType: cloud,
      containerDiskInGb: input.containerDiskInGb ?? template?.disk ?? 20,
      volumeInGb: volume ? 0 : (input.volumeInGb ?? template?.volumeInGb ?? 0),
      volumeMountPath: input.volumeMountPath ?? '/workspace',
      networkVolumeId: volume?.id ?? null,
      ...(placeIn ? { location: placeIn } : {}),
      ports: input.ports ?? template?.ports.join(',') ?? '8888/http,22/tcp',
      env: [...templateEnv.filter((e) => !given.has(e.split('=')[0])), ...input.env],
      podType: input.bidPerGpu === null ? 'RESERVED' : 'INTERRUPTABLE',
      bidPerGpu: input.bidPerGpu,
      ...(cpu ? { vcpuCount: cpu.vcpuCount, memoryInGb: cpu.memoryInGb, costPerHr: cpu.costPerHr } : {}),
    });
    return ok(pod);
  };

  return {
    clock,
    pods: () => {
      sync();
      return [...pods.values()].map(snapshot);
    },
    pod: (podId) => {
      const found = find(podId);
      return found.ok ? snapshot(found.value) : null;
    },
    runtime,
    addPod,
    setScript: (podId, script) => {
      scripts.set(podId, script);
    },
    setUtil: (podId, util) => {
      scripts.set(podId, constantScript(util));
    },
    interrupt: (podId) => {
      const found = find(podId);
      if (found.ok) markExited(found.value, clock.now(), 'Interrupted');
    },
    interruptSpotPod: (podId) => {
      const found = find(podId);
      if (!found.ok || found.value.podType !== 'INTERRUPTABLE' || found.value.desiredStatus !== 'RUNNING')
        return false;
      markExited(found.value, clock.now(), 'Interrupted');
      return true;
    },
    setCapacity: (gpuTypeId, availableGpus) => {
      const type = catalogue.get(gpuTypeId);
      if (type) type.available = Math.max(0, availableGpus);
    },
    gpuTypes: () => [...catalogue.values()].map((g) => ({ ...g })),
    account: () => {
      sync();
      const running = [...pods.values()].filter((p) => p.desiredStatus === 'RUNNING');
      return {
        id: 'user_2sandbox0000000000000000',
        email: 'ml-team@example.com',
        clientBalance: balanceAt(clock.now()),
        currentSpendPerHr: Math.round(running.reduce((sum, p) => sum + p.costPerHr, 0) * 1000) / 1000,
        spendLimit,
      };
    },
    networkVolumes: () => volumes.map((v) => ({ ...v })),
    addNetworkVolume: (volume) => {
      volumes.push({ ...volume });
    },
    templates: () => templates.map((t) => ({ ...t, ports: [...t.ports], env: { ...t.env } })),
    addTemplate: (template) => {
      templates.unshift({ ...template });
    },
    cpuTypes: () => cpuTypes.map((c) => ({ ...c, dataCenterIds: [...c.dataCenterIds] })),
    secretNames: () => [...secrets],
    addSecret: (name) => {
      if (!secrets.includes(name)) secrets.push(name);
    },
    endpoints: () => endpoints.map((e) => ({ ...e, env: { ...e.env }, gpuPools: [...e.gpuPools] })),
    addEndpoint: (input) => {
      const endpoint: SimEndpoint = {
        ...input,
        env: { ...input.env },
        gpuPools: [...input.gpuPools],
        createdAt: input.createdAt ?? clock.now(),
        flexUsdPerDay: input.flexUsdPerDay ?? 0,
      };
      endpoints.push(endpoint);
      return { ...endpoint };
    },
    billing: (from, to, bucketMs = 86_400_000) => {
      sync();
      return billingRecords(history, from, to, bucketMs, clock.now());
    },
    stop: (podId) => {
      const found = find(podId);
      if (!found.ok) return found;
      const pod = found.value;
      if (pod.locked) return err({ code: 'locked', message: LOCKED_MESSAGE });
      // Stopping an EXITED pod answers with the pod unchanged (RunPod's behaviour is undocumented).
      markExited(pod, clock.now(), 'Exited by User');
      return ok(snapshot(pod));
    },
    resume,
    restart: (podId) => {
      const found = find(podId);
      if (!found.ok) return found;
      const pod = found.value;
      if (pod.locked) return err({ code: 'locked', message: LOCKED_MESSAGE });
      pod.startedAt = clock.now();
      version++;
      pod.lastStatusChange = statusText('Restarted by User', clock.now());
      return ok(snapshot(pod));
    },
    terminate: (podId) => {
      const found = find(podId);
      if (!found.ok) return found;
      remove(found.value, clock.now());
      return ok(null);
    },
    deploy,
    isBooting: (podId) => {
      const pod = pods.get(podId);
      if (pod?.desiredStatus !== 'RUNNING' || pod.startedAt === null) return false;
      return clock.now().getTime() - pod.startedAt.getTime() < bootMs;
    },
  };
}
