/**
 * The interfaces the use cases need. Adapters (runpod/, store/, slack/notifier, chart/) implement
 * them; app.ts wires them; tests pass fakes or the sandbox's real local servers.
 */
import type { AuditEntry } from '../domain/audit.js';
import type { AlertState, DigestSubscription, SavingRecord } from '../domain/digest-subscription.js';
import type { EpisodeState, IdleEpisode, Keep } from '../domain/idle-episode.js';
import type { Account, BillingRecord, DeployRequest, GpuType, NetworkVolume, Pod } from '../domain/pod.js';
import type { HourlyAggregate, PodSample, PodSeen } from '../domain/samples.js';
import type { Settings } from '../domain/settings.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';

/**
 * RunPod access. Methods throw RunpodError (domain/errors.ts) for expected failures, after the
 * adapter's own bounded retries for transient ones.
 */
export interface PodGateway {
  /** Every pod of the account with runtime metrics, in ONE request. */
  listPods(): Promise<Pod[]>;
  /** One pod, or null when RunPod does not know it. */
  getPod(podId: string): Promise<Pod | null>;
  stopPod(podId: string): Promise<void>;
  resumePod(podId: string, gpuCount: number): Promise<void>;
  /** Spot pods: podBidResume. */
  bidResumePod(podId: string, gpuCount: number, bidPerGpu: number): Promise<void>;
  terminatePod(podId: string): Promise<void>;
  deployPod(request: DeployRequest): Promise<Pod>;
  listGpuTypes(): Promise<GpuType[]>;
  getAccount(): Promise<Account>;
  /** RunPod's own daily billing per pod; null when the adapter cannot read it (GraphQL). */
  getBilling(from: Date, to: Date): Promise<BillingRecord[] | null>;
  /** The account's network volumes now; optional: a gateway without it charges none. */
  listNetworkVolumes?(): Promise<NetworkVolume[]>;
}

export interface OwnerStore {
  getOwner(podId: string): Promise<string | null>;
  /** podId → Slack user id. */
  listOwners(): Promise<Map<string, string>>;
  setOwner(podId: string, userId: string, by: string, at: Date): Promise<void>;
  /** Compare-and-set: takes an unowned pod; false when someone owns it already. */
  claimOwner(podId: string, userId: string, at: Date): Promise<boolean>;
}

export interface AuditStore {
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(podId: string, limit: number): Promise<AuditEntry[]>;
  /** Newest first, all pods, at or after `since`. */
  listAuditSince(since: Date): Promise<AuditEntry[]>;
}

export interface SampleStore {
  insertSamples(samples: PodSample[]): Promise<void>;
  /** Raw samples in [from, to), oldest first; all pods when podId is null. */
  listSamples(podId: string | null, from: Date, to: Date): Promise<PodSample[]>;
  /** Hourly aggregates with hour in [from, to), oldest first. */
  listHourly(from: Date, to: Date): Promise<HourlyAggregate[]>;
  /** In one transaction: write the aggregates (upsert by pod and hour) and delete raw samples before `cutoff`. */
  foldSamples(aggregates: HourlyAggregate[], cutoff: Date): Promise<void>;
  /** Oldest raw sample time, or null. */
  oldestSampleAt(): Promise<Date | null>;
  getPodSeen(podId: string): Promise<PodSeen | null>;
  listPodSeen(): Promise<PodSeen[]>;
  upsertPodSeen(seen: PodSeen): Promise<void>;
}

export interface IdleStore {
  /**
   * Opens an episode unless the pod already has an active one (state open or stopping): returns
   * the new episode, or null when one exists. Unique per pod even across replicas.
   */
  openEpisode(episode: IdleEpisode): Promise<IdleEpisode | null>;
  getEpisode(id: string): Promise<IdleEpisode | null>;
  getActiveEpisode(podId: string): Promise<IdleEpisode | null>;
  /** Episodes in state open or stopping. */
  listActiveEpisodes(): Promise<IdleEpisode[]>;
  /** Most recent episodes of any state, newest first (for /pod idle and the digest). */
  listEpisodesSince(since: Date): Promise<IdleEpisode[]>;
  /**
   * Compare-and-set: moves the episode to `to` only if its state is one of `from`; applies
   * `patch` in the same statement. Returns the updated episode, or null when the state had moved.
   */
  transitionEpisode(
    id: string,
    from: readonly EpisodeState[],
    to: EpisodeState,
    patch: Partial<Pick<IdleEpisode, 'decidedBy' | 'decidedAt' | 'stopAttempts' | 'updatedAt'>>,
  ): Promise<IdleEpisode | null>;
  /** Compare-and-set on remindedAt being null; true when this caller won. */
  markReminded(id: string, at: Date): Promise<boolean>;
  addEpisodeMessage(id: string, message: { channel: string; ts: string }): Promise<void>;
  setKeep(keep: Keep): Promise<void>;
  getKeep(podId: string): Promise<Keep | null>;
  setExempt(podId: string, exempt: boolean, by: string, at: Date): Promise<void>;
  listExempt(): Promise<Set<string>>;
}

export interface DigestStore {
  subscribe(subscription: DigestSubscription): Promise<void>;
  unsubscribe(channel: string): Promise<boolean>;
  listSubscriptions(): Promise<DigestSubscription[]>;
  /** Claims the scheduled digest of (channel, local date) before posting: true for exactly one caller. */
  claimDigest(channel: string, localDate: string, at: Date): Promise<boolean>;
  /**
   * Takes over a claim whose digest was never delivered (no message recorded) and that was made
   * before `staleBefore`: true for exactly one caller. Claim → delivered, not claim-and-forget.
   */
  reclaimUndeliveredDigest?(
    channel: string,
    localDate: string,
    at: Date,
    staleBefore: Date,
  ): Promise<boolean>;
  recordDigestMessage(channel: string, localDate: string, ts: string): Promise<void>;
  getAlertState(key: string): Promise<AlertState | null>;
  /** Compare-and-set on `active`: true when the state flipped for this caller. */
  flipAlert(key: string, active: boolean, at: Date, value: number | null): Promise<boolean>;
  recordSaving(saving: SavingRecord): Promise<void>;
  /** Marks open savings of the pod as ended at `at` (the pod runs again). */
  endSavings(podId: string, at: Date): Promise<void>;
  /** Savings whose stop is before `to` and which were not resumed before `from`. */
  listSavings(from: Date, to: Date): Promise<SavingRecord[]>;
}

export interface Store extends OwnerStore, AuditStore, SampleStore, IdleStore, DigestStore {
  close(): Promise<void>;
}

/** Slack Block Kit, kept structurally typed so services need no Slack SDK. */
export type Blocks = readonly Record<string, unknown>[];

export type OutgoingMessage = { text: string; blocks?: Blocks; threadTs?: string };

/** Outbound Slack: what services and jobs need to tell people. */
export interface Notifier {
  /** Posts to a channel id, or to a user id (their DM with the app). Returns where it landed. */
  post(channel: string, message: OutgoingMessage): Promise<{ channel: string; ts: string }>;
  update(channel: string, ts: string, message: OutgoingMessage): Promise<void>;
  postEphemeral(channel: string, user: string, message: OutgoingMessage): Promise<void>;
  /** Opens (or finds) the DM with a user and returns its channel id. */
  openDm(userId: string): Promise<string>;
  /** The user's IANA time zone from users.info, or null when unknown. */
  userTimeZone(userId: string): Promise<string | null>;
  /** The name people see for a user (users.info), for images where mentions cannot render. */
  userName?(userId: string): Promise<string | null>;
  /**
   * Makes sure the app is a member of the channel, so that files and ephemerals reach it: `member`
   * already (or a DM), `joined` (a public channel it joined now), `invite_needed` (a private
   * channel, or one it cannot see: someone must `/invite` it). Optional: without it, membership
   * is assumed.
   */
  ensureMember?(channel: string): Promise<'member' | 'joined' | 'invite_needed'>;
  /** files upload v2: getUploadURLExternal, upload, completeUploadExternal into the channel. */
  uploadFile(
    channel: string,
    file: { filename: string; title: string; bytes: Uint8Array; altText: string },
  ): Promise<void>;
}

export type ChartSeries = { day: string; owner: string; busyUsd: number; idleUsd: number };

export interface ChartRenderer {
  /** PNG of the last days' spend stacked by owner, idle share marked. */
  renderSpendChart(series: ChartSeries[], title: string): Promise<Uint8Array>;
}

/** What every service factory receives from the composition root. */
export type ServiceDeps = {
  gateway: PodGateway;
  store: Store;
  notifier: Notifier;
  chart: ChartRenderer;
  clock: Clock;
  settings: Settings;
  logger: Logger;
};
