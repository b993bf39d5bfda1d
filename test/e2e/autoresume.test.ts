/**
 * Spot pods come back by themselves when their owner wants it, end to end in the sandbox.
 * `sdxl-spot-sweep` is Bob's spot pod in the demo account, `vllm-inference` his on-demand one.
 * Bob turns autoresume on with a signed `/pod autoresume`; the simulator interrupts the pod;
 * every minute the real poller notices it and the autoresume pass bid-resumes it. We read the
 * interruption notice, its thread, and the mutations RunPod received.
 */

import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { autoresumeOnce } from '../../src/jobs/autoresume.js';
import { demoPodIds } from '../../src/sandbox/runpod/demo-world.js';
import type { SlackMessage } from '../../src/sandbox/slack/stand-in-state.js';
import { autoresumeMessages } from '../../src/slack/blocks/autoresume-blocks.js';
import {
  ADA,
  ALICE,
  API_MODES,
  BOB,
  type E2eSandbox,
  ephemeralShowing,
  GPU_TEAM,
  MINUTE,
  messageShowing,
  mutationsOf,
  pollMinute,
  sandboxPerTest,
  shown,
} from './support/e2e-sandbox.js';

const SPOT = demoPodIds['sdxl-spot-sweep'];

/** A poll, then the autoresume pass, as the running app does every POLL_INTERVAL. */
async function tick(s: E2eSandbox, count = 1): Promise<void> {
  for (let i = 0; i < count; i++) {
    await pollMinute(s);
    await autoresumeOnce({ services: s.app.services, messages: autoresumeMessages });
  }
}

const notice = (s: E2eSandbox): SlackMessage | undefined =>
  s.slack
    .conversation(s.slack.dmChannelOf(BOB))
    .find(
      (m) => m.threadTs === null && m.text.includes('sdxl-spot-sweep') && m.text.includes('stopped without'),
    );

const replies = (s: E2eSandbox): string[] => {
  const top = notice(s);
  return top ? s.slack.thread(s.slack.dmChannelOf(BOB), top.ts).map((m) => shown(m)) : [];
};

const bidResumes = (s: E2eSandbox) => mutationsOf(s, SPOT).filter((m) => m.name === 'podBidResume');

async function turnOn(s: E2eSandbox): Promise<void> {
  await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'autoresume sdxl-spot-sweep on' });
  await messageShowing(s, GPU_TEAM, 'turned autoresume on');
}

describe.each(API_MODES)('autoresume of spot pods (RUNPOD_API=%s)', { timeout: 120_000 }, (api) => {
  const start = sandboxPerTest({ api }, (s) => pollMinute(s));
  const startBounded = sandboxPerTest({ api, env: { AUTORESUME_GIVE_UP_AFTER: '20m' } }, (s) =>
    pollMinute(s),
  );

  it('owner or admin only, spot pods only, on or off; announced in the channel', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'autoresume sdxl-spot-sweep on' });
    const refused = await ephemeralShowing(s, ALICE, 'belongs to');
    expect(shown(refused)).toContain('only they or an admin can change autoresume for it');

    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'autoresume vllm-inference on' });
    expect(shown(await ephemeralShowing(s, BOB, 'on-demand pod'))).toContain('Autoresume is for spot');

    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'autoresume sdxl maybe' });
    expect(shown(await ephemeralShowing(s, BOB, 'Say `on` or `off`'))).toContain('/pod autoresume');
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'autoresume no-such-pod on' });
    await ephemeralShowing(s, BOB, 'No pod matches');

    await turnOn(s);
    const announced = await messageShowing(s, GPU_TEAM, 'turned autoresume on');
    expect(announced.text).toContain('<@U03BOB> turned autoresume on for `sdxl-spot-sweep`');
    expect(await s.app.store.listAutoresume()).toContain(SPOT);
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'status sdxl-spot-sweep' });
    await ephemeralShowing(s, ALICE, '(spot, autoresume on)');

    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'autoresume sdxl-spot-sweep off' });
    await messageShowing(s, GPU_TEAM, '<@U01ADA> turned autoresume off');
    expect(await s.app.store.listAutoresume()).not.toContain(SPOT);

    const history = await s.app.store.listAudit(SPOT, 10);
    expect(
      history.filter((e) => e.action === 'autoresume').map((e) => [e.actor, e.outcome, e.detail]),
    ).toEqual([
      [ADA, 'ok', 'off'],
      [BOB, 'ok', 'on'],
      [ALICE, 'refused', 'refused: not the owner'],
    ]);
    expect(s.sim.mutations()).toEqual([]);
  });

  it('an interruption is bid-resumed after RunPod had no free GPU twice, each attempt a reply in the thread', async () => {
    const s = await start();
    await turnOn(s);
    s.sim.faults.failNext('capacity', 2);
    expect(s.sim.world.interruptSpotPod(SPOT)).toBe(true);
    await tick(s);
    expect(shown(notice(s))).toContain('Autoresume is on');

    // Attempts at +1 min (no GPU), +2 min (no GPU), then +4 min (the backoff doubles): resumed.
    await tick(s, 5);
    expect(bidResumes(s).map((m) => m.ok)).toEqual([false, false, true]);
    const thread = replies(s);
    expect(thread).toHaveLength(3);
    expect(thread[0]).toContain('Attempt 1 to bid-resume `sdxl-spot-sweep`');
    expect(thread[0]).toContain('not enough free GPUs');
    expect(thread[1]).toContain('Attempt 2');
    expect(thread[2]).toContain('Resumed `sdxl-spot-sweep` after 3 attempts');
    expect(s.sim.world.pod(SPOT)?.desiredStatus).toBe('RUNNING');

    // The bid: all three inputs, the per-GPU bid RunPod's lowestBidPriceToResume asks for.
    const sent = s.sim.requests.filter(
      (r) => r.operationName === 'BidResumePod' || r.fieldNames.includes('podBidResume'),
    );
    const input = (sent.at(-1)?.variables?.input ?? {}) as Record<string, unknown>;
    expect(input).toMatchObject({ podId: SPOT, gpuCount: 1 });
    expect(typeof input.bidPerGpu).toBe('number');
    expect(Number(input.bidPerGpu)).toBeGreaterThan(0);

    // Resumed once; later passes do nothing more.
    await tick(s, 5);
    expect(bidResumes(s)).toHaveLength(3);
    expect(replies(s)).toHaveLength(3);
  });

  it('gives up after AUTORESUME_GIVE_UP_AFTER, says what to do, and tries no more', async () => {
    const s = await startBounded();
    await turnOn(s);
    s.sim.faults.failNext('capacity', 1_000);
    s.sim.world.interruptSpotPod(SPOT);
    // Noticed at the next poll (t); attempts at t+1, +2, +4, +8, +16 min; at t+20 min it gives up.
    await tick(s, 19);
    expect(bidResumes(s)).toHaveLength(5);
    expect(replies(s)).toHaveLength(5);
    expect(replies(s)[4]).toContain('Attempt 5');
    await tick(s, 3);
    const thread = replies(s);
    expect(thread).toHaveLength(6);
    expect(thread[5]).toContain('Gave up on `sdxl-spot-sweep` after 5 attempts over 20 min');
    expect(thread[5]).toContain('/pod resume sdxl-spot-sweep');
    await tick(s, 30);
    expect(bidResumes(s)).toHaveLength(5);
    expect(replies(s)).toHaveLength(6);
    expect(s.sim.world.pod(SPOT)?.desiredStatus).toBe('EXITED');
  });

  it('never resumes a pod a person stopped; stops trying when someone resumes it meanwhile', async () => {
    const s = await start();
    await turnOn(s);
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'stop sdxl-spot-sweep done for now' });
    await messageShowing(s, GPU_TEAM, 'stopped `sdxl-spot-sweep`');
    await tick(s, 10);
    expect(bidResumes(s)).toEqual([]);
    expect(notice(s)).toBeUndefined();

    // Bob resumes it himself; then RunPod interrupts it and has no GPU.
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'resume sdxl-spot-sweep' });
    await messageShowing(s, GPU_TEAM, 'resumed `sdxl-spot-sweep`');
    await tick(s, 2);
    s.sim.faults.failNext('capacity', 1_000);
    s.sim.world.interruptSpotPod(SPOT);
    await tick(s, 2);
    expect(replies(s)[0]).toContain('Attempt 1');
    // Ada resumes it by hand with an on-demand GPU freed: podwarden stops trying and says why.
    s.sim.faults.clear();
    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'resume sdxl-spot-sweep' });
    await messageShowing(s, GPU_TEAM, '<@U01ADA> resumed `sdxl-spot-sweep`');
    const before = bidResumes(s).length;
    await tick(s, 5);
    expect(bidResumes(s)).toHaveLength(before);
    expect(replies(s).at(-1)).toContain('Stopped trying to resume `sdxl-spot-sweep`: <@U01ADA>');
  });

  it('stops trying when the owner turns autoresume off meanwhile', async () => {
    const s = await start();
    await turnOn(s);
    s.sim.faults.failNext('capacity', 1_000);
    s.sim.world.interruptSpotPod(SPOT);
    await tick(s);
    expect(bidResumes(s)).toHaveLength(1);
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'autoresume sdxl-spot-sweep off' });
    await messageShowing(s, GPU_TEAM, 'turned autoresume off');
    await tick(s, 10);
    expect(bidResumes(s)).toHaveLength(1);
    expect(replies(s)).toHaveLength(2);
    expect(replies(s)[1]).toContain(
      'Stopped trying to resume `sdxl-spot-sweep`: autoresume was turned off for it',
    );
  });

  it('two replicas on one database make one attempt between them; a restarted app goes on in the same thread', async () => {
    const s = await start();
    await turnOn(s);
    s.sim.faults.failNext('capacity', 1);
    s.sim.world.interruptSpotPod(SPOT);
    await pollMinute(s);
    const replica = await buildApp({
      config: s.config,
      logger: pino({ level: 'silent' }),
      clock: s.clock,
      runJobs: false,
    });
    try {
      await Promise.all([
        autoresumeOnce({ services: s.app.services, messages: autoresumeMessages }),
        autoresumeOnce({ services: replica.services, messages: autoresumeMessages }),
      ]);
      expect(bidResumes(s)).toHaveLength(1);
      expect(replies(s)).toHaveLength(1);
      // The first app is gone; the other one, with what the store remembers, makes the next attempt.
      s.clock.advance(MINUTE);
      await autoresumeOnce({ services: replica.services, messages: autoresumeMessages });
    } finally {
      await replica.store.close();
    }
    expect(bidResumes(s).map((m) => m.ok)).toEqual([false, true]);
    expect(replies(s)).toHaveLength(2);
    expect(replies(s)[1]).toContain('Resumed `sdxl-spot-sweep` after 2 attempts');
  });
});

describe('autoresume in REST mode once RunPod retires GraphQL', { timeout: 120_000 }, () => {
  const start = sandboxPerTest({ api: 'rest' }, (s) => pollMinute(s));

  it('says spot actions are unavailable and nothing else fails', async () => {
    const s = await start();
    await turnOn(s);
    s.sim.faults.graphqlGone = 410;
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'autoresume sdxl-spot-sweep on' });
    expect(shown(await ephemeralShowing(s, BOB, 'Spot pods are unavailable'))).toContain('GraphQL API');

    s.sim.world.interruptSpotPod(SPOT);
    await tick(s, 3);
    expect(shown(notice(s))).toContain('Autoresume is on');
    expect(replies(s)).toHaveLength(1);
    expect(replies(s)[0]).toContain('spot actions are unavailable');
    expect(bidResumes(s)).toEqual([]);
    await tick(s, 5);
    expect(replies(s)).toHaveLength(1);

    // Everything else works: the list, on-demand pods.
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'list mine' });
    await ephemeralShowing(s, BOB, 'vllm-inference');
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'stop vllm-inference' });
    await messageShowing(s, GPU_TEAM, 'stopped `vllm-inference`');
  });
});
