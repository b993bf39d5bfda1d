import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RunpodError } from '../../../src/domain/errors.js';
import type { Pod } from '../../../src/domain/pod.js';
import type { Settings } from '../../../src/domain/settings.js';
import { createManualClock, type ManualClock } from '../../../src/lib/clock.js';
import { includesEntries } from '../../../src/lib/includes-entries.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createIdleService } from '../../../src/services/idle-service.js';
import type {
  ChartRenderer,
  Notifier,
  OutgoingMessage,
  PodGateway,
  Store,
} from '../../../src/services/ports.js';
import { idleMessages } from '../../../src/slack/blocks/idle-messages.js';
import { openStore } from '../../../src/store/open-store.js';
import { testSettings } from '../../support/settings.js';

export const MIN = 60_000;
export const ALICE = 'U02ALICE';
export const BOB = 'U03BOB';
export const ADA = 'U01ADA';
export const RITA = 'U04RITA';

export function makePod(id: string, overrides: Partial<Pod> & { util?: number[] } = {}): Pod {
  const { util = [0, 0], ...rest } = overrides;
  const status = rest.status ?? 'RUNNING';
  return {
    id,
    name: `${id}-name`,
    status,
    gpuTypeId: 'NVIDIA A100 80GB PCIe',
    gpuDisplayName: 'A100 80GB',
    gpuCount: util.length,
    costPerHr: 2.4,
    vcpuCount: 16,
    memoryInGb: 120,
    containerDiskInGb: 50,
    volumeInGb: 100,
    volumeMountPath: '/workspace',
    networkVolumeId: null,
    imageName: 'runpod/pytorch',
    ports: '8888/http',
    isSpot: false,
    locked: false,
    location: 'EU',
    runtime:
      status === 'RUNNING'
        ? {
            uptimeSeconds: 3 * 3600,
            gpus: util.map((u) => ({ utilPercent: u, memoryPercent: 30 })),
            cpuPercent: 2,
            memoryPercent: 10,
            ports: [],
          }
        : null,
    ...rest,
  };
}

/** A RunPod stand-in: pods you can change between polls; records every call. */
export function createFakeGateway(initial: Pod[]) {
  const pods = new Map(initial.map((p) => [p.id, p]));
  const calls = { listPods: 0, stopPod: [] as string[] };
  const faults = { listPods: null as RunpodError | null, stopPod: null as RunpodError | null };
  const gateway: PodGateway = {
    async listPods() {
      calls.listPods++;
      if (faults.listPods) throw faults.listPods;
      return [...pods.values()];
    },
    async getPod(podId) {
      return pods.get(podId) ?? null;
    },
    async stopPod(podId) {
      calls.stopPod.push(podId);
      if (faults.stopPod) throw faults.stopPod;
      const pod = pods.get(podId);
      if (pod) pods.set(podId, { ...pod, status: 'EXITED', runtime: null });
    },
    async resumePod() {},
    async bidResumePod() {},
    async terminatePod() {},
    async deployPod() {
      throw new RunpodError('runpod_rejected', 'not in this fake');
    },
    async listGpuTypes() {
      return [];
    },
    async getAccount() {
      return { clientBalance: 100, currentSpendPerHr: 1 };
    },
    async getBilling() {
      return null;
    },
  };
  const set = (id: string, overrides: Partial<Pod> & { util?: number[] }) => {
    const current = pods.get(id);
    pods.set(
      id,
      makePod(id, { ...(current ? { name: current.name, costPerHr: current.costPerHr } : {}), ...overrides }),
    );
  };
  return { gateway, pods, calls, faults, set };
}

export type Sent = { channel: string; ts: string; message: OutgoingMessage };

/** A Slack stand-in at the port level: records posts, updates and ephemerals. */
export function createFakeNotifier(timeZones: Record<string, string> = {}) {
  let seq = 0;
  const posts: Sent[] = [];
  const updates: Sent[] = [];
  const notifier: Notifier = {
    async post(channel, message) {
      seq++;
      const place = {
        channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel,
        ts: `${1000 + seq}.000100`,
      };
      posts.push({ ...place, message });
      return place;
    },
    async postOnce(channel, message) {
      return { kind: 'posted', ...(await notifier.post(channel, message)) };
    },
    async findPosted(channel, metadata) {
      const found = posts.find(
        (p) =>
          p.channel === channel &&
          p.message.metadata?.eventType === metadata.eventType &&
          includesEntries(p.message.metadata?.payload, metadata.payload),
      );
      return found ? { channel: found.channel, ts: found.ts } : null;
    },
    async update(channel, ts, message) {
      updates.push({ channel, ts, message });
    },
    async postEphemeral() {},
    async openDm(userId) {
      return `D${userId.slice(1)}`;
    },
    async userTimeZone(userId) {
      return timeZones[userId] ?? null;
    },
    async uploadFile() {},
  };
  const prompts = () =>
    posts.filter(
      (p) => !p.message.threadTs && JSON.stringify(p.message.blocks ?? []).includes('idle_stop_now'),
    );
  const inThread = (ts: string) => posts.filter((p) => p.message.threadTs === ts);
  return { notifier, posts, updates, prompts, inThread };
}

const noChart: ChartRenderer = {
  async renderSpendChart() {
    return new Uint8Array();
  },
};

export type World = Awaited<ReturnType<typeof createWorld>>;

/** A real SQLite store in a temp folder, a manual clock, and the fakes above. */
export async function createWorld(options: {
  pods: Pod[];
  owners?: Record<string, string>;
  settings?: Partial<Settings>;
  timeZones?: Record<string, string>;
  start?: string;
  dir?: string;
}) {
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'podwarden-idle-')));
  const file = path.join(dir, 'idle.db');
  const store = await openStore({ kind: 'sqlite', path: file }, silentLogger);
  const clock = createManualClock(options.start ?? '2026-11-02T12:00:00Z');
  const settings = testSettings({ admins: [ADA], ...options.settings });
  for (const [podId, owner] of Object.entries(options.owners ?? {})) {
    await store.setOwner(podId, owner, ADA, clock.now());
  }
  const runpod = createFakeGateway(options.pods);
  const slack = createFakeNotifier(options.timeZones);
  const service = (s: Store = store, c: ManualClock = clock) =>
    createIdleService({
      gateway: runpod.gateway,
      store: s,
      notifier: slack.notifier,
      chart: noChart,
      clock: c,
      settings,
      logger: silentLogger,
    });
  const idle = service();
  /** Polls `count` times, advancing the clock one interval after each poll. */
  const pollFor = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await idle.poll(idleMessages);
      clock.advance(settings.pollIntervalMs);
    }
  };
  const close = async () => {
    await store.close();
    if (!options.dir) await rm(dir, { recursive: true, force: true });
  };
  return { dir, file, store, clock, settings, runpod, slack, idle, service, pollFor, close };
}
