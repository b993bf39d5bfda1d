/**
 * One idle stretch, one prompt, however replicas and clicks interleave with a poll: a pod list
 * read before the stretch was closed never opens a new one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { probePostgres, type Replicas, startReplicas } from '../../support/replicas.js';
import { ALICE, idleWorld, MIN, POD, promptsPosted, stopsOf } from './idle-pod-world.js';

const unreachable = await probePostgres();
if (unreachable !== null && process.env.CI !== 'true') {
  console.warn(`NOTICE: replica tests skipped: Postgres is unreachable (${unreachable}).`);
}

describe.runIf(unreachable !== null && process.env.CI === 'true')('replicas under CI', () => {
  it('needs the Postgres server', () => {
    throw new Error(`CI=true requires Postgres for the replica tests, which is unreachable: ${unreachable}`);
  });
});

let running: Replicas | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(count: number): Promise<Replicas> {
  running = await startReplicas({ count, world: idleWorld, settings: { idleWarmupMs: 0 } });
  const first = running.replicas[0];
  if (!first) throw new Error('no replica');
  await first.app.store.setOwner(POD, ALICE, 'U01ADA', running.clock.now());
  return running;
}

/** Polls replica `index` minute by minute until the first prompt is out. */
async function pollUntilPrompted(r: Replicas, index: number): Promise<void> {
  const replica = r.replicas[index];
  if (!replica) throw new Error('no replica');
  for (let i = 0; i < 40 && promptsPosted(r) === 0; i++) {
    await r.poll(replica);
    r.clock.advance(MIN);
  }
  expect(promptsPosted(r)).toBe(1);
}

async function clickStopNow(r: Replicas): Promise<void> {
  const dm = r.slack.dmChannelOf(ALICE);
  const prompt = r.slack.conversation(dm).find((m) => m.threadTs === null);
  if (!prompt) throw new Error('no prompt');
  await r.slack.clickButton({ user: ALICE, channel: dm, messageTs: prompt.ts, label: 'Stop now' });
  await r.slack.waitFor(
    () => r.slack.conversation(dm).find((m) => m.ts === prompt.ts && m.text.includes('stopped')),
    {
      timeoutMs: 20_000,
    },
  );
}

describe.runIf(unreachable === null)('replicas and clicks racing a poll', () => {
  it('replica B sweeping with a pod list read before replica A stopped the pod sends no second prompt', async () => {
    const r = await start(2);
    const [a, b] = r.replicas;
    if (!a || !b) throw new Error('two replicas');
    await pollUntilPrompted(r, 0);

    const held = b.faults.holdAfter('listPods');
    const pollB = r.poll(b);
    await held.reached; // B has the pod as RUNNING and idle
    r.route(a);
    await clickStopNow(r); // A stops it: the stretch is closed
    held.release();
    await pollB;

    expect(promptsPosted(r)).toBe(1);
    expect(stopsOf(r)).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      await r.poll(a);
      await r.poll(b);
      r.clock.advance(MIN);
    }
    expect(promptsPosted(r)).toBe(1);
    expect(stopsOf(r)).toHaveLength(1);
  });

  it('a Stop now click landing while one replica polls sends no second prompt', async () => {
    const r = await start(1);
    const [a] = r.replicas;
    if (!a) throw new Error('one replica');
    await pollUntilPrompted(r, 0);

    const held = a.faults.holdAfter('listPods');
    const poll = r.poll(a);
    await held.reached;
    await clickStopNow(r);
    held.release();
    await poll;

    expect(promptsPosted(r)).toBe(1);
    expect(stopsOf(r)).toHaveLength(1);
  });
});
