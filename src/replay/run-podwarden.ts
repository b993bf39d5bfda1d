import type { Settings } from '../domain/settings.js';
import { createManualClock } from '../lib/clock.js';
import { type Logger, silentLogger } from '../lib/logger.js';
import { createIdleService, type IdleChoice, type IdleMessages } from '../services/idle-service.js';
import type { ChartRenderer, Store } from '../services/ports.js';
import { idleMessages } from '../slack/blocks/idle-messages.js';
import { openStore } from '../store/open-store.js';
import { bufferStore } from './buffered-store.js';
import type { KeptSpan, PolicyRun, PromptTimes } from './policy-run.js';
import { createReplayGateway } from './replay-gateway.js';
import { createReplayNotifier } from './replay-notifier.js';
import { replaySettings } from './replay-settings.js';
import type { Trace } from './trace.js';

/** Owners answer this long after each prompt (CONTRACT.md "Replay traces"). */
export const ANSWER_DELAY_MS = 5 * 60_000;
const REPLAY_ACTOR = 'replay';

export type PodwardenReplayOptions = {
  /** Defaults to podwarden's default settings. */
  settings?: Settings;
  logger?: Logger;
  /** Path of the SQLite file; defaults to an in-memory database. */
  databasePath?: string;
  /** Batch the per-poll bookkeeping writes and read recent ones from memory (buffered-store.ts); default true. */
  buffered?: boolean;
};

export type PodwardenRun = PolicyRun & {
  /** Every prompt sent, for tests and reports: when (ms after the start), for which pod. */
  promptLog: { atMs: number; podId: string; episodeId: string; deadlineMs: number }[];
};

type Press = { atMs: number; episodeId: string; actor: string; choice: IdleChoice };

const ANSWER_CHOICE: Record<'stop' | 'keep', IdleChoice> = { stop: 'stop_now', keep: 'keep_4h' };

const noChart: ChartRenderer = {
  async renderSpendChart() {
    return new Uint8Array();
  },
};

/**
 * Replays a trace through podwarden's real idle service: a manual clock moved poll by poll, a
 * RunPod stand-in serving the trace's pods at the current step, a real SQLite store with the
 * owners from the trace, and owners pressing the prompt's buttons as the trace says.
 */
export async function runPodwarden(
  trace: Trace,
  options: PodwardenReplayOptions = {},
): Promise<PodwardenRun> {
  const settings = options.settings ?? replaySettings();
  const logger = options.logger ?? silentLogger;
  const start = trace.start.getTime();
  const clock = createManualClock(trace.start);
  const replay = createReplayGateway(trace, clock);
  const { notifier } = createReplayNotifier(trace.ownerZones);
  const sqlite = await openStore({ kind: 'sqlite', path: options.databasePath ?? ':memory:' }, logger);
  const store = options.buffered === false ? sqlite : await bufferStore(sqlite);
  try {
    const idle = createIdleService({
      gateway: replay.gateway,
      store,
      notifier,
      chart: noChart,
      clock,
      settings,
      logger,
    });
    const answers = new Map(trace.pods.map((pod) => [pod.id, pod.answer]));
    const promptLog: PodwardenRun['promptLog'] = [];
    const presses: Press[] = [];
    const messages: IdleMessages = {
      ...idleMessages,
      prompt: (view) => {
        const atMs = view.now.getTime() - start;
        if (view.claimedBy === null) {
          const deadlineMs = view.deadlineAt.getTime() - start;
          promptLog.push({ atMs, podId: view.podId, episodeId: view.episodeId, deadlineMs });
        }
        const answer = answers.get(view.podId) ?? 'none';
        if (
          answer !== 'none' &&
          view.audience === 'owner' &&
          view.ownerId !== null &&
          view.claimedBy === null
        ) {
          presses.push({
            atMs: atMs + ANSWER_DELAY_MS,
            episodeId: view.episodeId,
            actor: view.ownerId,
            choice: ANSWER_CHOICE[answer],
          });
        }
        return idleMessages.prompt(view);
      },
    };

    const owners = new Map<string, string>();
    const answeredAt = new Map<string, number>();
    const keeps: KeptSpan[] = [];
    let prompts = 0;
    const endMs = trace.steps * trace.stepMs;
    for (let atMs = 0; atMs < endMs; atMs += settings.pollIntervalMs) {
      while (presses[0] && presses[0].atMs <= atMs) {
        const press = presses.shift();
        if (!press) break;
        clock.set(new Date(start + press.atMs));
        const answered = await idle.answer(
          { actor: press.actor, episodeId: press.episodeId, choice: press.choice },
          messages,
        );
        // A prompt closed meanwhile (busy again, stopped) refuses the answer, as it should; an
        // unexpected failure is a fault of the replay and must not pass as a result.
        if (!answered.ok && answered.error.kind === 'unexpected') {
          throw new Error(`the idle service failed on an answer (reference ${answered.error.reference})`);
        }
        if (answered.ok) {
          answeredAt.set(press.episodeId, press.atMs);
          const until = answered.value.until;
          if (until !== null) {
            keeps.push({ podId: answered.value.podId, fromMs: press.atMs, untilMs: until.getTime() - start });
          }
        }
      }
      clock.set(new Date(start + atMs));
      await syncOwners(store, trace, Math.floor(atMs / trace.stepMs), owners, clock.now());
      const report = await idle.poll(messages);
      if (!report.ok) throw new Error(`a replayed poll failed (${report.reason})`);
      prompts += report.prompts;
    }
    const promptTimes: PromptTimes[] = promptLog.map((p) => ({
      podId: p.podId,
      atMs: p.atMs,
      deadlineMs: p.deadlineMs,
      answeredMs: answeredAt.get(p.episodeId) ?? null,
    }));
    return { policy: 'podwarden', stops: new Map(replay.stops), prompts, promptLog, promptTimes, keeps };
  } finally {
    await store.close();
  }
}

/** Owners come from the trace: set when a pod's line first names one, and again when it changes. */
async function syncOwners(
  store: Store,
  trace: Trace,
  step: number,
  owners: Map<string, string>,
  at: Date,
): Promise<void> {
  for (const pod of trace.pods) {
    const owner = pod.samples[step]?.owner ?? null;
    if (owner === null || owners.get(pod.id) === owner) continue;
    await store.setOwner(pod.id, owner, REPLAY_ACTOR, at);
    owners.set(pod.id, owner);
  }
}
