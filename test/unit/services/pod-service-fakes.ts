/** Small in-memory fakes of the ports, for pod-service unit tests. */
import type { AuditEntry } from '../../../src/domain/audit.js';
import { RunpodError, type RunpodErrorKind } from '../../../src/domain/errors.js';
import type { DeployRequest, GpuType, Pod } from '../../../src/domain/pod.js';
import type { PodSample } from '../../../src/domain/samples.js';
import type { Settings } from '../../../src/domain/settings.js';
import { createManualClock, type ManualClock } from '../../../src/lib/clock.js';
import type { Logger } from '../../../src/lib/logger.js';
import type { PodGateway, ServiceDeps, Store } from '../../../src/services/ports.js';
import { testSettings } from '../../support/settings.js';

export function makePod(overrides: Partial<Pod> & { id: string; name: string }): Pod {
  return {
    status: 'RUNNING',
    gpuTypeId: 'NVIDIA A100 80GB PCIe',
    gpuDisplayName: 'A100 80GB',
    gpuCount: 1,
    costPerHr: 1.89,
    vcpuCount: 8,
    memoryInGb: 62,
    containerDiskInGb: 50,
    volumeInGb: 100,
    volumeMountPath: '/workspace',
    networkVolumeId: null,
    imageName: 'runpod/pytorch:2.4',
    ports: '8888/http,22/tcp',
    isSpot: false,
    locked: false,
    location: 'EU-RO-1',
    runtime: {
      uptimeSeconds: 3600,
      gpus: [{ utilPercent: 80, memoryPercent: 60 }],
      cpuPercent: 20,
      memoryPercent: 30,
      ports: [],
    },
    ...overrides,
  };
}

export type GatewayCall = { method: string; args: unknown[] };

export type FakeGateway = PodGateway & {
  pods: Map<string, Pod>;
  calls: GatewayCall[];
  gpuTypes: GpuType[];
  /** Next call of `method` throws this, after applying the mutation when `applied` is true. */
  failNext(method: string, kind: RunpodErrorKind, detail: string, options?: { applied?: boolean }): void;
  mutations(): GatewayCall[];
};

export function createFakeGateway(pods: Pod[]): FakeGateway {
  const state = new Map(pods.map((p) => [p.id, p]));
  const calls: GatewayCall[] = [];
  const failures = new Map<string, { error: RunpodError; applied: boolean }>();
  const gpuTypes: GpuType[] = [
    {
      id: 'NVIDIA A100 80GB PCIe',
      displayName: 'A100 80GB',
      memoryInGb: 80,
      securePrice: 1.89,
      communityPrice: 1.59,
      secureSpotPrice: 1.1,
      communitySpotPrice: 0.9,
      maxGpuCount: 8,
      stockStatus: 'High',
    },
    {
      id: 'NVIDIA H100 80GB HBM3',
      displayName: 'H100 SXM',
      memoryInGb: 80,
      securePrice: 3.99,
      communityPrice: 2.99,
      secureSpotPrice: 2.5,
      communitySpotPrice: 2.2,
      maxGpuCount: 8,
      stockStatus: 'Low',
    },
    {
      id: 'unknown',
      displayName: 'unknown',
      memoryInGb: null,
      securePrice: null,
      communityPrice: null,
      secureSpotPrice: null,
      communitySpotPrice: null,
      maxGpuCount: null,
      stockStatus: null,
    },
  ];
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const maybeFail = (method: string, apply: () => void) => {
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      if (failure.applied) apply();
      throw failure.error;
    }
    apply();
  };
  const update = (id: string, patch: Partial<Pod>) => {
    const pod = state.get(id);
    if (!pod) throw new RunpodError('runpod_not_found', `pod ${id} not found`, 404);
    state.set(id, { ...pod, ...patch });
  };
  let nextId = 1;
  return {
    pods: state,
    calls,
    gpuTypes,
    failNext(method, kind, detail, options) {
      failures.set(method, { error: new RunpodError(kind, detail), applied: options?.applied ?? false });
    },
    mutations: () =>
      calls.filter((c) => !['listPods', 'getPod', 'listGpuTypes', 'getAccount'].includes(c.method)),
    async listPods() {
      record('listPods');
      const failure = failures.get('listPods');
      if (failure) {
        failures.delete('listPods');
        throw failure.error;
      }
      return [...state.values()];
    },
    async getPod(id) {
      record('getPod', id);
      return state.get(id) ?? null;
    },
    async stopPod(id) {
      record('stopPod', id);
      maybeFail('stopPod', () => update(id, { status: 'EXITED', runtime: null }));
    },
    async resumePod(id, gpuCount) {
      record('resumePod', id, gpuCount);
      maybeFail('resumePod', () => update(id, { status: 'RUNNING', gpuCount }));
    },
    async bidResumePod(id, gpuCount, bid) {
      record('bidResumePod', id, gpuCount, bid);
      maybeFail('bidResumePod', () => update(id, { status: 'RUNNING', gpuCount }));
    },
    async terminatePod(id) {
      record('terminatePod', id);
      maybeFail('terminatePod', () => state.delete(id));
    },
    async deployPod(request: DeployRequest) {
      record('deployPod', request);
      const pod = makePod({ id: `new${nextId++}`, name: request.name, gpuCount: request.gpuCount });
      maybeFail('deployPod', () => state.set(pod.id, pod));
      return pod;
    },
    async listGpuTypes() {
      record('listGpuTypes');
      return gpuTypes;
    },
    async getAccount() {
      return { clientBalance: 100, currentSpendPerHr: 2 };
    },
    async getBilling() {
      return null;
    },
  };
}

export type FakeStore = Store & { audit: AuditEntry[]; owners: Map<string, string>; samples: PodSample[] };

export function createFakeStore(owners: Record<string, string> = {}): FakeStore {
  const ownerMap = new Map(Object.entries(owners));
  const audit: AuditEntry[] = [];
  const samples: PodSample[] = [];
  const flags = new Set<string>();
  const partial: Partial<FakeStore> = {
    audit,
    owners: ownerMap,
    samples,
    async getOwner(podId) {
      return ownerMap.get(podId) ?? null;
    },
    async listOwners() {
      return new Map(ownerMap);
    },
    async setOwner(podId, userId) {
      ownerMap.set(podId, userId);
    },
    async claimOwner(podId, userId) {
      if (ownerMap.has(podId)) return false;
      ownerMap.set(podId, userId);
      return true;
    },
    async appendAudit(entry) {
      audit.push(entry);
    },
    async listAudit(podId, limit) {
      return audit
        .filter((e) => e.podId === podId)
        .reverse()
        .slice(0, limit);
    },
    async flipAlert(key, active) {
      if (flags.has(key) === active) return false;
      if (active) flags.add(key);
      else flags.delete(key);
      return true;
    },
    async listSamples(podId, from, to) {
      return samples.filter((s) => (podId === null || s.podId === podId) && s.at >= from && s.at < to);
    },
    async listAutoresume() {
      return new Set<string>();
    },
  };
  return partial as FakeStore;
}

export type Harness = {
  deps: ServiceDeps;
  gateway: FakeGateway;
  store: FakeStore;
  clock: ManualClock;
  errors: unknown[];
};

export function createHarness(
  pods: Pod[],
  owners: Record<string, string> = {},
  settings: Partial<Settings> = {},
): Harness {
  const gateway = createFakeGateway(pods);
  const store = createFakeStore(owners);
  const clock = createManualClock('2026-11-30T12:00:00Z');
  const errors: unknown[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (fields) => errors.push(fields),
    child: () => logger,
  };
  const deps: ServiceDeps = {
    gateway,
    store,
    notifier: {} as ServiceDeps['notifier'],
    chart: {} as ServiceDeps['chart'],
    clock,
    settings: testSettings({ admins: ['UADMIN'], ...settings }),
    logger,
  };
  return { deps, gateway, store, clock, errors };
}
