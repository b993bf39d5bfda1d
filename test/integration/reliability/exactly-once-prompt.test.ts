/**
 * Exactly one DM per idle episode when Slack carries a post out but answers too late, and when a
 * replica dies between Slack's post and its own database write (kill -9, simulated by abandoning
 * the replica mid-post): the prompt is looked for in the conversation (message metadata,
 * conversations.history) before anything is posted again, and the stop comes at its deadline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { probePostgres, type Replicas, startReplicas } from '../../support/replicas.js';
import { ALICE, idleWorld, MIN, POD, promptsPosted, stopsOf } from './idle-pod-world.js';

const unreachable = await probePostgres();

let running: Replicas | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const topLevel = (r: Replicas) =>
  r.slack.conversation(r.slack.dmChannelOf(ALICE)).filter((m) => m.threadTs === null);

describe.runIf(unreachable === null)('one idle prompt per episode under Slack faults and crashes', () => {
  it('a prompt Slack posted but answered too late is found, never posted again, and stopped at its deadline', async () => {
    const r = await startReplicas({
      count: 1,
      world: idleWorld,
      settings: { idleWarmupMs: 0 },
      slackTimeoutMs: 300,
    });
    running = r;
    const [a] = r.replicas;
    if (!a) throw new Error('one replica');
    await a.app.store.setOwner(POD, ALICE, 'U01ADA', r.clock.now());
    r.slack.faults.inject('chat.postMessage', 'late', 3);

    let promptedAt: number | null = null;
    for (let minute = 0; minute < 75; minute++) {
      await r.poll(a);
      if (promptedAt === null && promptsPosted(r) > 0) promptedAt = r.clock.now().getTime();
      r.clock.advance(MIN);
    }
    expect(promptsPosted(r)).toBe(1);
    const prompts = topLevel(r);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.metadata?.event_type).toBe('podwarden_idle_prompt');
    // Stopped once, at the deadline (30 min after the prompt), and the one prompt says so.
    expect(stopsOf(r)).toHaveLength(1);
    const stoppedAt = stopsOf(r)[0]?.at.getTime() ?? 0;
    expect(stoppedAt - (promptedAt ?? 0)).toBeLessThanOrEqual(31 * MIN);
    expect(prompts[0]?.text).toMatch(/stopped/i);
    expect(r.slack.callsTo('conversations.history').length).toBeGreaterThan(0);
  });

  it('a replica killed between Slack’s post and its database write: the other finds the prompt, sends no second one, stops on time', async () => {
    const r = await startReplicas({
      count: 2,
      world: idleWorld,
      settings: { idleWarmupMs: 0 },
      slackTimeoutMs: 120_000,
    });
    running = r;
    const [a, b] = r.replicas;
    if (!a || !b) throw new Error('two replicas');
    await a.app.store.setOwner(POD, ALICE, 'U01ADA', r.clock.now());

    // A polls until the pod is idle; its prompt is posted by Slack, and A dies before the answer.
    for (let minute = 0; minute < 30; minute++) {
      await r.poll(a);
      r.clock.advance(MIN);
    }
    r.slack.faults.inject('chat.postMessage', 'late', 1);
    const abandoned = r.poll(a);
    abandoned.catch(() => undefined); // what a killed process left behind never finishes
    await r.slack.waitFor(() => topLevel(r).length === 1, { timeoutMs: 20_000 });
    const promptedAt = r.clock.now().getTime();

    for (let minute = 0; minute < 45; minute++) {
      r.clock.advance(MIN);
      await r.poll(b);
    }
    expect(promptsPosted(r)).toBe(1);
    expect(topLevel(r)).toHaveLength(1);
    expect(stopsOf(r)).toHaveLength(1);
    expect((stopsOf(r)[0]?.at.getTime() ?? 0) - promptedAt).toBeLessThanOrEqual(31 * MIN);
    expect(topLevel(r)[0]?.text).toMatch(/stopped/i);
  });
});
