/**
 * A stop in flight when its replica dies (kill -9, simulated by abandoning it while RunPod has
 * stopped the pod and before it wrote anything back) is settled when a replica starts, by reading
 * the pod again: the prompt says the pod was stopped and the stop is in the audit log, at once,
 * not after the ten minutes a sweep waits for a claim to go stale.
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

describe.runIf(unreachable === null)('a stop in flight at a crash', () => {
  it('is settled on start by re-reading the pod: the prompt says stopped, the stop is audited', async () => {
    const r = await startReplicas({ count: 1, world: idleWorld, settings: { idleWarmupMs: 0 } });
    running = r;
    const [a] = r.replicas;
    if (!a) throw new Error('one replica');
    await a.app.store.setOwner(POD, ALICE, 'U01ADA', r.clock.now());
    for (let minute = 0; minute < 40 && promptsPosted(r) === 0; minute++) {
      await r.poll(a);
      r.clock.advance(MIN);
    }
    const dm = r.slack.dmChannelOf(ALICE);
    const prompt = r.slack.conversation(dm).find((m) => m.threadTs === null);
    if (!prompt) throw new Error('no prompt');

    // Alice presses Stop now; RunPod stops the pod, and replica A dies before it hears back.
    const held = a.faults.holdAfter('stopPod');
    await r.slack.clickButton({ user: ALICE, channel: dm, messageTs: prompt.ts, label: 'Stop now' });
    await held.reached;
    expect(stopsOf(r)).toHaveLength(1);
    r.clock.advance(MIN);

    const restarted = await r.addReplica();
    const settled = r.slack.conversation(dm).find((m) => m.ts === prompt.ts);
    expect(settled?.text).toMatch(/stopped/i);
    const [episode] = await restarted.app.store.listEpisodesSince(new Date(0));
    expect(episode?.state).toBe('stopped');
    const audit = await restarted.app.store.listAudit(POD, 10);
    expect(audit.map((e) => [e.action, e.actor, e.outcome])).toContainEqual(['stop', ALICE, 'ok']);
    expect(stopsOf(r)).toHaveLength(1);
    held.release();
  });
});
