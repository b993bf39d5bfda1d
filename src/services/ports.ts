/**
 * The interfaces the use cases need. Adapters (runpod/, store/, slack/notifier, chart/) implement
 * them; app.ts wires them; tests pass fakes or the sandbox's real local servers.
 */
import type { AuditEntry } from '../domain/audit.js';
import type { AutoresumeRun } from '../domain/autoresume.js';
import type { CpuType, DeployTemplate } from '../domain/deploy-catalogue.js';
import type { AlertState, DigestSubscription, SavingRecord } from '../domain/digest-subscription.js';
import type { EscalationOutboxEntry } from '../domain/escalation-outbox.js';
import type { EpisodeState, IdleEpisode, Keep } from '../domain/idle-episode.js';
import type { Account, BillingRecord, DeployRequest, GpuType, NetworkVolume, Pod } from '../domain/pod.js';
import type { PodConnection } from '../domain/pod-connect.js';
import type { PostOutcome, PromptOutboxEntry } from '../domain/prompt-outbox.js';
import type { HourlyAggregate, HourlySum, PodSample, PodSeen } from '../domain/samples.js';
import type { ServerlessFacts } from '../domain/serverless.js';
import type { Settings } from '../domain/settings.js';
import type { StoppedStretch } from '../domain/stopped-nudge.js';
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
  /**
   * Whether one pod is a spot pod, and its lowest bid to resume; null when RunPod does not know
   * it. REST mode asks GraphQL and throws `spot_unavailable` when it is gone. Optional: without
   * it, the pod's own fields tell.
   */
  getSpotFacts?(podId: string): Promise<Pick<Pod, 'isSpot' | 'lowestBidPriceToResume'> | null>;
  terminatePod(podId: string): Promise<void>;
  deployPod(request: DeployRequest): Promise<Pod>;
  listGpuTypes(): Promise<GpuType[]>;
  getAccount(): Promise<Account>;
  /** RunPod's own daily billing per pod; null when the adapter cannot read it (GraphQL). */
  getBilling(from: Date, to: Date): Promise<BillingRecord[] | null>;
  /** The account's network volumes now; optional: a gateway without it charges none. */
  listNetworkVolumes?(): Promise<NetworkVolume[]>;
  /** How to reach the pod, with RunPod's SSH commands (REST `ssh`); without it, derived from getPod. */
  getPodConnection?(podId: string): Promise<PodConnection | null>;
  /** The last `tail` lines of the container log (REST `GET /pods/{id}/logs`); null: unknown pod. */
  getPodLogs?(podId: string, tail: number): Promise<string[] | null>;
  /** For the deploy form: the account's templates and RunPod's; optional (none offered without it). */
  listTemplates?(): Promise<DeployTemplate[]>;
  /** CPU types for CPU pods; optional (GPU pods only without it). */
  listCpuTypes?(): Promise<CpuType[]>;
  /** The account's secret names (never values); null or absent when RunPod does not say. */
  listSecretNames?(): Promise<string[] | null>;
  /**
   * Serverless endpoints now, their billing over [from, to) and the GPU pools' prices (REST v2, in
   * both API modes). Read only. Optional: without it the reports say nothing about serverless.
   */
  getServerless?(from: Date, to: Date): Promise<ServerlessFacts>;
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
  /**
   * Hourly aggregates with hour in [first bound, last bound), summed per span between consecutive
   * bounds (whole hours, ascending) and per pod, owner and pod name; by first hour, then pod id.
   */
  sumHourly(bounds: readonly Date[]): Promise<HourlySum[]>;
  /**
   * Writes the aggregates (upsert by pod and hour) in one transaction, then deletes raw samples
   * before `cutoff` (Postgres: in the same transaction; SQLite: a few thousand per statement).
   */
  foldSamples(aggregates: HourlyAggregate[], cutoff: Date): Promise<void>;
  /** Start of the newest hour that has an aggregate, or null: every hour before it is folded. */
  newestHourly(): Promise<Date | null>;
  /** Oldest raw sample time, or null. */
  oldestSampleAt(): Promise<Date | null>;
  getPodSeen(podId: string): Promise<PodSeen | null>;
  listPodSeen(): Promise<PodSeen[]>;
  upsertPodSeen(seen: PodSeen): Promise<void>;
  /** Every sighting of one poll, in one multi-row statement (a few for thousands of pods). */
  upsertPodSeenMany(seen: readonly PodSeen[]): Promise<void>;
  /** Deletes hourly aggregates of hours before `before` (HOURLY_RETENTION); returns how many. */
  pruneHourly(before: Date): Promise<number>;
}

export interface IdleStore {
  /**
   * Opens an episode unless the pod already has an active one (state open or stopping): returns
   * the new episode, or null when one exists. Unique per pod even across replicas.
   */
  openEpisode(episode: IdleEpisode): Promise<IdleEpisode | null>;
  getEpisode(id: string): Promise<IdleEpisode | null>;
  getActiveEpisode(podId: string): Promise<IdleEpisode | null>;
  /** The pod's most recently changed episode of any state, or null when it never had one. */
  getLatestEpisode(podId: string): Promise<IdleEpisode | null>;
  /** Episodes in state open or stopping. */
  listActiveEpisodes(): Promise<IdleEpisode[]>;
  /** Most recent episodes of any state, newest first (for /pod idle and the digest). */
  listEpisodesSince(since: Date): Promise<IdleEpisode[]>;
  /** The episodes of one pod that listEpisodesSince(since) holds, in its order. */
  listPodEpisodesSince(podId: string, since: Date): Promise<IdleEpisode[]>;
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
  /** Every keep whose `until` is after `after`, one per pod: read once per poll. */
  listKeeps(after: Date): Promise<Keep[]>;
  setExempt(podId: string, exempt: boolean, by: string, at: Date): Promise<void>;
  listExempt(): Promise<Set<string>>;
}

/** The idle prompts' outbox (domain/prompt-outbox.ts). */
export interface PromptOutboxStore {
  /** Records a prompt as about to be posted; a second record of the same (episode, recipient) is a no-op. */
  addPromptOutbox(entry: { episodeId: string; recipient: string; channel: string; at: Date }): Promise<void>;
  /** Rows in state pending or unsent, oldest first. */
  listUnsettledPrompts(): Promise<PromptOutboxEntry[]>;
  listPromptOutbox(episodeId: string): Promise<PromptOutboxEntry[]>;
  /**
   * Compare-and-set on the row's updatedAt: takes a pending or unsent row for one more attempt
   * (state pending, updatedAt `at`); true for exactly one caller.
   */
  claimPromptOutbox(episodeId: string, recipient: string, seen: Date, at: Date): Promise<boolean>;
  /**
   * Settles a row: `posted` records the message and, in the same transaction, adds it to the
   * episode's messages (once, however often it is called); `unsent` marks it for another post.
   */
  settlePromptOutbox(
    episodeId: string,
    recipient: string,
    outcome: { state: 'posted'; channel: string; ts: string } | { state: 'unsent' },
    at: Date,
  ): Promise<void>;
}

/** The escalations' outbox (domain/escalation-outbox.ts). */
export interface EscalationOutboxStore {
  /** Records an escalation before it is posted (`pending`), or as refused (`unsent`); a second record is a no-op. */
  addEscalationOutbox(entry: {
    episodeId: string;
    channel: string;
    message: string;
    state: 'pending' | 'unsent';
    at: Date;
  }): Promise<void>;
  getEscalationOutbox(episodeId: string): Promise<EscalationOutboxEntry | null>;
  /** Compare-and-set on updatedAt: takes a pending or unsent row for one more attempt; true for one caller. */
  claimEscalationOutbox(episodeId: string, seen: Date, at: Date): Promise<boolean>;
  settleEscalationOutbox(
    episodeId: string,
    outcome: { state: 'posted'; channel: string; ts: string } | { state: 'unsent' },
    at: Date,
  ): Promise<void>;
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

/** Stopped stretches of pods and their nudges (STOPPED_NUDGE_AFTER); one row per stopped pod. */
export interface StoppedPodStore {
  listStoppedStretches(): Promise<StoppedStretch[]>;
  /** Starts tracking the pod's stretch unless it has one already (another replica was first). */
  openStoppedStretch(stretch: StoppedStretch): Promise<void>;
  /** Forgets the stretches of these pods: they run again, or are gone. */
  endStoppedStretches(podIds: readonly string[]): Promise<void>;
  /** Compare-and-set: takes the due nudge of the stretch (pod, since) at `at`; true for exactly one caller. */
  claimStoppedNudge(podId: string, since: Date, at: Date): Promise<boolean>;
  /** Gives back a claim made at `claimedAt` whose message could not be sent: the stretch as it was. */
  releaseStoppedNudge(before: StoppedStretch, claimedAt: Date): Promise<void>;
  /** After a nudge: the next one no earlier than `until`. Null when the pod has no nudged stretch. */
  snoozeStoppedNudge(podId: string, until: Date, by: string): Promise<StoppedStretch | null>;
}

/** `/pod autoresume` flags and the bid-resume runs after spot interruptions (domain/autoresume.ts). */
export interface AutoresumeStore {
  setAutoresume(podId: string, enabled: boolean, by: string, at: Date): Promise<void>;
  /** Pods whose owner turned autoresume on. */
  listAutoresume(): Promise<Set<string>>;
  /**
   * Starts a run for the pod unless it has one in state `trying` (a finished one is replaced);
   * true when this caller started it.
   */
  openAutoresumeRun(run: AutoresumeRun): Promise<boolean>;
  getAutoresumeRun(podId: string): Promise<AutoresumeRun | null>;
  /** Runs in state `trying`, the earliest due first. */
  listTryingAutoresumeRuns(): Promise<AutoresumeRun[]>;
  /**
   * Compare-and-set on updatedAt: takes a due `trying` run for one attempt (updatedAt `at`,
   * nextAt `leaseUntil`); true for exactly one caller.
   */
  claimAutoresumeRun(podId: string, seen: Date, at: Date, leaseUntil: Date): Promise<boolean>;
  /** Writes the outcome of a claimed attempt; a no-op unless the run is still at `claimedAt`. */
  settleAutoresumeRun(
    podId: string,
    claimedAt: Date,
    patch: Pick<AutoresumeRun, 'state' | 'attempts' | 'nextAt' | 'updatedAt'>,
  ): Promise<boolean>;
}

export interface Store
  extends OwnerStore,
    AutoresumeStore,
    AuditStore,
    SampleStore,
    IdleStore,
    PromptOutboxStore,
    EscalationOutboxStore,
    DigestStore,
    StoppedPodStore {
  /** Runs one trivial query; throws when the database does not answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Slack Block Kit, kept structurally typed so services need no Slack SDK. */
export type Blocks = readonly Record<string, unknown>[];

/** Slack message metadata: invisible to readers, returned by conversations.history. */
export type MessageMetadata = { eventType: string; payload: Record<string, string> };

export type OutgoingMessage = {
  text: string;
  blocks?: Blocks;
  threadTs?: string;
  metadata?: MessageMetadata;
};

/** Outbound Slack: what services and jobs need to tell people. */
export interface Notifier {
  /** Posts to a channel id, or to a user id (their DM with the app). Returns where it landed. */
  post(channel: string, message: OutgoingMessage): Promise<{ channel: string; ts: string }>;
  /**
   * One chat.postMessage, never retried unless Slack's answer proves it was not carried out: the
   * outcome says posted, not_sent (safe to post again) or unknown (look for it before posting).
   */
  postOnce(channel: string, message: OutgoingMessage): Promise<PostOutcome>;
  /**
   * conversations.history of a channel since `since` (conversations.replies of the thread when
   * `threadTs` is given): the app's message whose metadata has this event type and whose payload
   * holds every given field, or null when there is none.
   */
  findPosted(
    channel: string,
    metadata: MessageMetadata,
    since: Date,
    threadTs?: string,
  ): Promise<{ channel: string; ts: string } | null>;
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
