/**
 * The sandbox as `npm run sandbox` assembles it (the demo RunPod account with its owners and two
 * weeks of spend, the Slack stand-in, the real app), on free loopback ports and a manual clock, with
 * the jobs stopped: the end-to-end tests drive polls themselves, one POLL_INTERVAL at a time, through
 * the real poller's `pollOnce`. Everything else reaches podwarden only as Slack does: signed HTTP.
 */
import { afterEach, expect } from 'vitest';
import { pollOnce } from '../../../src/jobs/poller.js';
import { createManualClock, type ManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createDemoWorld } from '../../../src/sandbox/runpod/demo-world.js';
import type { SimMutation } from '../../../src/sandbox/runpod/sim-http.js';
import type { SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import type { EphemeralMessage, SlackMessage } from '../../../src/sandbox/slack/stand-in-state.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/start-sandbox.js';
import { idleMessages } from '../../../src/slack/blocks/idle-messages.js';
import { fastRetry } from '../../support/harness.js';

export const ADA = 'U01ADA';
export const ALICE = 'U02ALICE';
export const BOB = 'U03BOB';
export const RITA = 'U04RITA';
export const GPU_TEAM = 'C01GPU';
export const ALERTS = 'C02ALERTS';

export const MINUTE = 60_000;

/**
 * Idle timings for the flows: one poll a minute, idle after 30 min, stopped 30 min after the
 * prompt, at any hour of the sandbox clock (the owner's-hours windows and grace set alike).
 */
export const IDLE_ENV = {
  POLL_INTERVAL: '60s',
  IDLE_AFTER: '30m',
  IDLE_WARMUP: '0s',
  IDLE_GRACE: '30m',
  IDLE_AFTER_WORK_HOURS: '30m',
  IDLE_AFTER_SPORADIC: '30m',
  IDLE_GRACE_OFF_HOURS: '30m',
} as const;

/** Generous for a slow, noisy 2-core CI machine. */
export const WAIT = { timeoutMs: 20_000 } as const;

export type E2eSandbox = Sandbox & { clock: ManualClock };

/** The e2e suites run once per RunPod API mode (RUNPOD_API). */
export const API_MODES = ['rest', 'graphql'] as const;
export type ApiMode = (typeof API_MODES)[number];

/** The simulator's name for a lifecycle mutation in each API mode. */
export function mutationName(api: ApiMode, action: 'stop' | 'resume' | 'terminate' | 'bidResume'): string {
  if (action === 'bidResume') return 'podBidResume'; // GraphQL in both modes: REST v2 has no spot
  if (api === 'graphql') return { stop: 'podStop', resume: 'podResume', terminate: 'podTerminate' }[action];
  return { stop: 'rest:stop', resume: 'rest:start', terminate: 'rest:terminate' }[action];
}

export type E2eOptions = {
  /** RUNPOD_API; the default (rest) when left out. */
  api?: ApiMode;
  env?: Record<string, string>;
  /** The demo world by default. */
  world?: (clock: ManualClock) => SimWorld;
  start?: string;
  /** The Slack Web API client's timeout; short in tests of answers Slack never sends. */
  slackTimeoutMs?: number;
};

export async function startE2eSandbox(options: E2eOptions = {}): Promise<E2eSandbox> {
  const clock = createManualClock(options.start ?? '2026-11-30T10:00:00Z');
  const sandbox = await startSandbox({
    clock,
    world: options.world ? options.world(clock) : createDemoWorld(clock),
    seedDemoOwners: true,
    seedDemoHistory: true,
    env: { ...(options.api ? { RUNPOD_API: options.api } : {}), ...options.env },
    runJobs: false,
    runpodRetry: fastRetry,
    ...(options.slackTimeoutMs ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
  });
  return { ...sandbox, clock };
}

/** One tick of the real poller, then the clock moves one POLL_INTERVAL (a minute here). */
export async function pollMinute(s: E2eSandbox): Promise<void> {
  await pollOnce({ services: s.app.services, messages: idleMessages, logger: silentLogger });
  s.clock.advance(MINUTE);
}

export async function pollMinutes(s: E2eSandbox, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await pollMinute(s);
}

/** Polls minute by minute until the predicate holds; fails after `maxPolls` minutes. */
export async function pollUntil<T>(
  s: E2eSandbox,
  predicate: () => T | null | undefined | false,
  maxPolls: number,
): Promise<{ value: T; polls: number }> {
  for (let polls = 0; polls <= maxPolls; polls++) {
    const value = predicate();
    if (value !== null && value !== undefined && value !== false) return { value, polls };
    await pollMinute(s);
  }
  throw new Error(`pollUntil: the condition did not hold within ${maxPolls} polls`);
}

/** What a reader sees of a message: its fallback text and every text in its blocks. */
export function shown(message: { text: string; blocks?: readonly unknown[] } | undefined): string {
  if (!message) return '';
  return `${message.text}\n${JSON.stringify(message.blocks ?? [])}`;
}

export function mutationsOf(s: E2eSandbox, podId: string): SimMutation[] {
  return s.sim.mutations().filter((m) => m.podId === podId);
}

export const namesOf = (mutations: readonly SimMutation[]): string[] => mutations.map((m) => m.name);

/** The newest ephemeral message to the user that shows the needle. */
export function ephemeralShowing(s: E2eSandbox, user: string, needle: string): Promise<EphemeralMessage> {
  return s.slack.waitFor(
    () =>
      s.slack
        .ephemerals(user)
        .filter((m) => shown(m).includes(needle))
        .at(-1),
    WAIT,
  );
}

/** The first top-level message in the conversation that shows the needle. */
export function messageShowing(s: E2eSandbox, channel: string, needle: string): Promise<SlackMessage> {
  return s.slack.waitFor(
    () => s.slack.conversation(channel).find((m) => m.threadTs === null && shown(m).includes(needle)),
    WAIT,
  );
}

/** A message as it reads now (the stand-in keeps messages as they are after chat.update). */
export function currentMessage(s: E2eSandbox, channel: string, ts: string): SlackMessage | undefined {
  return s.slack.conversation(channel).find((m) => m.ts === ts);
}

/** Top-level idle prompts (they carry the Stop now button) in a conversation, as they read now. */
export function promptsFor(s: E2eSandbox, channel: string, podName: string): SlackMessage[] {
  return s.slack
    .conversation(channel)
    .filter((m) => m.threadTs === null && m.text.includes(podName) && shown(m).includes('idle_stop_now'));
}

/** Every idle prompt ever posted about the pod (chat.postMessage calls, before any update). */
export function promptsPosted(s: E2eSandbox, podName: string): number {
  return s.slack
    .callsTo('chat.postMessage')
    .filter((call) => !call.params.thread_ts)
    .map((call) => JSON.stringify(call.params))
    .filter((params) => params.includes('idle_stop_now') && params.includes(`\`${podName}\``)).length;
}

/**
 * Closes the sandbox, then reports what Slack would have shown as broken: failed deliveries and
 * Slack's warnings about what podwarden sent. A late ack on a slow machine is Slack's 3 s budget,
 * not behaviour (the ack tests in test/integration own it), so operation_timeout is left out.
 */
export async function closeSandbox(
  s: E2eSandbox | null,
): Promise<{ failures: unknown[]; warnings: unknown[] }> {
  if (!s) return { failures: [], warnings: [] };
  const failures = s.slack.deliveryErrors.filter((e) => e.kind !== 'operation_timeout');
  const warnings = [...s.slack.warnings];
  await s.close();
  return { failures, warnings };
}

/**
 * One sandbox per test: `start()` builds it (then `prepare` runs, e.g. a first poll); after each
 * test it is closed, and the test fails on any failed delivery or Slack warning.
 */
export function sandboxPerTest(
  options: E2eOptions = {},
  prepare?: (s: E2eSandbox) => Promise<void>,
): () => Promise<E2eSandbox> {
  let sandbox: E2eSandbox | null = null;
  afterEach(async () => {
    const { failures, warnings } = await closeSandbox(sandbox);
    sandbox = null;
    expect(failures).toEqual([]);
    expect(warnings).toEqual([]);
  });
  return async () => {
    sandbox = await startE2eSandbox(options);
    await prepare?.(sandbox);
    return sandbox;
  };
}
