/**
 * The idle flow through the real app: the RunPod simulator, the Slack stand-in, Bolt, the SQLite
 * store and the poller, on a manual clock. Each poll is one tick of the real poller job.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type PodwardenApp } from '../../../src/app.js';
import { pollOnce } from '../../../src/jobs/poller.js';
import type { ManualClock } from '../../../src/lib/clock.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createSimWorld, type SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import { busyScript, idleScript } from '../../../src/sandbox/runpod/util-scripts.js';
import type { SlackMessage } from '../../../src/sandbox/slack/stand-in-state.js';
import { idleMessages } from '../../../src/slack/blocks/idle-messages.js';
import { type Harness, startHarness } from '../../support/harness.js';

const MIN = 60_000;
const ADA = 'U01ADA';
const ALICE = 'U02ALICE';
const BOB = 'U03BOB';
const RITA = 'U04RITA';
const ALERTS = 'C02ALERTS';
const POD = 'idlepod0000001';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

/** One idle pod `llama-ft` (2 GPUs, $2.49/h) that started an hour before the test. */
function idleWorld(clock: ManualClock): SimWorld {
  const world = createSimWorld(clock);
  world.addPod({
    id: POD,
    name: 'llama-ft',
    gpuCount: 2,
    costPerHr: 2.49,
    volumeInGb: 100,
    startedAt: new Date(clock.now().getTime() - 60 * MIN),
    script: idleScript({ gpuCount: 2, gpuMem: 35 }),
  });
  return world;
}

async function start(options: { owner?: string | null; env?: Record<string, string> } = {}) {
  const h = await startHarness({
    world: idleWorld,
    seedDemoOwners: false,
    ...(options.env ? { env: options.env } : {}),
  });
  harnesses.push(h);
  const owner = options.owner === undefined ? ALICE : options.owner;
  if (owner) await h.app.store.setOwner(POD, owner, ADA, h.clock.now());
  return h;
}

/** `count` ticks of the real poller, one POLL_INTERVAL apart. */
async function poll(h: { app: PodwardenApp; clock: ManualClock }, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await pollOnce({ services: h.app.services, messages: idleMessages, logger: silentLogger });
    h.clock.advance(MIN);
  }
}

const stops = (h: Harness) => h.sim.mutations().filter((m) => m.name === 'podStop' && m.ok);
const blocksText = (m: { blocks?: unknown } | undefined) => JSON.stringify(m?.blocks ?? []);
const isPrompt = (m: SlackMessage) => m.threadTs === null && blocksText(m).includes('idle_stop_now');
const promptsIn = (h: Harness, channel: string) => h.slack.conversation(channel).filter(isPrompt);
/** Every prompt ever posted (the stand-in shows messages as they are now, after updates). */
const promptCount = (h: Harness) =>
  h.slack
    .callsTo('chat.postMessage')
    .filter((c) => !c.params.thread_ts && JSON.stringify(c.params).includes('idle_stop_now')).length;
const current = (h: Harness, channel: string, ts: string) =>
  h.slack.conversation(channel).find((m) => m.ts === ts && m.threadTs === null);

describe('idle flow through the app', () => {
  it('idle pod → one DM prompt with evidence → Stop now → exactly one podStop; a second click stops nothing', async () => {
    const h = await start();
    const dm = h.slack.dmChannelOf(ALICE);
    await poll(h, 31); // 10:00 … 10:30: the window is covered at 10:30
    const prompts = promptsIn(h, dm);
    expect(prompts).toHaveLength(1);
    const prompt = prompts[0];
    if (!prompt) return;
    // Alice lives in New York: 10:30 UTC + 30 min is 06:00 there; each reader sees their own time.
    expect(prompt.text).toMatch(
      /stops at <!date\^\d+\^\{date_short_pretty\} \{time\}\|06:00 America\/New_York> unless you keep it/,
    );
    expect(blocksText(prompt)).toContain('container disk');
    await poll(h, 5);
    expect(promptCount(h)).toBe(1);

    // A double click: both presses reach podwarden before the message changes.
    const click = () =>
      h.slack.clickButton({ user: ALICE, channel: dm, messageTs: prompt.ts, label: 'Stop now' });
    await Promise.all([click(), click()]);
    await h.slack.waitFor(() => stops(h).length === 1);
    const stopped = await h.slack.waitFor(() => {
      const m = current(h, dm, prompt.ts);
      return m?.text.includes('stopped') ? m : null;
    });
    expect(blocksText(stopped)).toContain('Resume');
    expect(h.sim.world.pod(POD)?.desiredStatus).toBe('EXITED');
    await h.slack.waitFor(() =>
      h.slack.ephemerals(ALICE).find((m) => m.text.includes('already been answered')),
    );
    await poll(h, 40);
    expect(stops(h)).toHaveLength(1);
  });

  it('no answer → one reminder in the thread → stopped at the deadline, the prompt updated in place', async () => {
    const h = await start();
    const dm = h.slack.dmChannelOf(ALICE);
    await poll(h, 51); // prompt at 10:30, reminder at 10:50
    const prompt = promptsIn(h, dm)[0];
    if (!prompt) throw new Error('no prompt');
    const thread = () => h.slack.thread(dm, prompt.ts).filter((m) => m.ts !== prompt.ts);
    expect(thread().map((m) => m.text)).toEqual([expect.stringContaining('Reminder')]);
    expect(stops(h)).toHaveLength(0);
    await poll(h, 10); // the deadline at 11:00
    expect(stops(h)).toHaveLength(1);
    const updated = current(h, dm, prompt.ts);
    expect(updated?.text).toContain('no answer by the deadline');
    expect(blocksText(updated)).toContain('pod_resume');
    const history = await h.app.store.listAudit(POD, 10);
    expect(history.find((e) => e.action === 'idle_stop')).toMatchObject({
      actor: 'podwarden',
      outcome: 'ok',
    });
    await poll(h, 30);
    expect(stops(h)).toHaveLength(1);
    expect(thread()).toHaveLength(1);
    expect(promptCount(h)).toBe(1);
  });

  it('Keep 1 h → no stop and no new prompt until the keep ends', async () => {
    const h = await start();
    const dm = h.slack.dmChannelOf(ALICE);
    await poll(h, 31); // prompt at 10:30
    const prompt = promptsIn(h, dm)[0];
    if (!prompt) throw new Error('no prompt');
    await h.slack.clickButton({ user: ALICE, channel: dm, messageTs: prompt.ts, label: 'Keep 1 h' });
    await h.slack.waitFor(() => current(h, dm, prompt.ts)?.text.includes('kept'));
    await poll(h, 59); // kept at 10:31 until 11:31; polls 10:31 … 11:29
    expect(stops(h)).toHaveLength(0);
    expect(promptCount(h)).toBe(1);
    await poll(h, 3);
    expect(promptCount(h)).toBe(2);
  });

  it('kept twice while it stays idle → the third prompt names the keeps and their idle money; nothing is stopped', async () => {
    const h = await start();
    const dm = h.slack.dmChannelOf(ALICE);
    // A kept prompt loses its buttons: the open one is the only prompt left in the DM.
    const keepOpenPrompt = async () => {
      const prompt = promptsIn(h, dm).at(-1);
      if (!prompt) throw new Error('no open prompt');
      expect(blocksText(prompt)).not.toContain('under those keeps');
      await h.slack.clickButton({ user: ALICE, channel: dm, messageTs: prompt.ts, label: 'Keep 1 h' });
      await h.slack.waitFor(() => current(h, dm, prompt.ts)?.text.includes('kept'));
      return h.clock.now();
    };
    await poll(h, 31); // prompt at 10:30
    const firstKeep = await keepOpenPrompt();
    await poll(h, 62); // the keep ends 11:31; the second prompt
    expect(promptCount(h)).toBe(2);
    await keepOpenPrompt();
    await poll(h, 62);
    expect(promptCount(h)).toBe(3);
    const third = promptsIn(h, dm).at(-1);
    const seconds = Math.floor(firstKeep.getTime() / 1000);
    // Idle through both keeps, each an hour from the keep to the next prompt at $2.49/h.
    expect(blocksText(third)).toMatch(
      new RegExp(`Kept 2 times since <!date\\^${seconds}\\^[^>]+>, \\$4\\.98 idle under those keeps`),
    );
    // Said, never acted on: the owner still has every keep button and nothing was stopped.
    expect(blocksText(third)).toContain('Keep 4 h');
    expect(stops(h)).toHaveLength(0);
  });

  it('busy again → the prompt says so, the episode ends, nothing is stopped', async () => {
    const h = await start();
    const dm = h.slack.dmChannelOf(ALICE);
    await poll(h, 35);
    const prompt = promptsIn(h, dm)[0];
    if (!prompt) throw new Error('no prompt');
    h.sim.world.setScript(POD, busyScript({ gpuCount: 2 }));
    await poll(h, 1);
    expect(current(h, dm, prompt.ts)?.text).toContain('back to work');
    await poll(h, 60);
    expect(stops(h)).toHaveLength(0);
  });

  it('the owner stops the pod with /pod stop while its prompt is open: the DM says so, with the evidence', async () => {
    const h = await start();
    const dm = h.slack.dmChannelOf(ALICE);
    await poll(h, 31);
    const prompt = promptsIn(h, dm)[0];
    if (!prompt) throw new Error('no prompt in the DM');
    await h.slack.sendCommand({ user: ALICE, channel: 'C01GPU', text: 'stop llama-ft' });
    await h.slack.waitFor(() => stops(h).length === 1);
    await poll(h, 1);
    const updated = await h.slack.waitFor(() => {
      const now = current(h, dm, prompt.ts);
      return now?.text.includes('with `/pod stop`') ? now : null;
    });
    expect(updated.text).toMatch(
      /^:octagonal_sign: You stopped it at <!date\^\d+\^\{time\}\|[^>]+> with `\/pod stop`/,
    );
    expect(updated.text).toContain('burned idle');
    expect(updated.text).not.toContain('outside podwarden');
    expect(blocksText(updated)).not.toContain('idle_stop_now');
    expect(stops(h)).toHaveLength(1);
  });

  it('unowned pod: IDLE_CHANNEL prompt with Claim; after Bob claims, Alice and read-only Rita are refused', async () => {
    const h = await start({ owner: null });
    await poll(h, 31);
    const prompt = promptsIn(h, ALERTS)[0];
    if (!prompt) throw new Error('no prompt in the idle channel');
    expect(blocksText(prompt)).toContain('Claim');
    expect(prompt.text).toContain(' Europe/Berlin>');
    await h.slack.clickButton({ user: BOB, channel: ALERTS, messageTs: prompt.ts, label: 'Claim' });
    await h.slack.waitFor(() => blocksText(current(h, ALERTS, prompt.ts) ?? {}).includes('Keep 4 h'));
    expect(await h.app.store.getOwner(POD)).toBe(BOB);

    await h.slack.clickButton({ user: ALICE, channel: ALERTS, messageTs: prompt.ts, label: 'Stop now' });
    const refusal = await h.slack.waitFor(() =>
      h.slack.ephemerals(ALICE).find((m) => m.text.includes('Only the owner or an admin')),
    );
    expect(refusal).toBeDefined();
    await h.slack.clickButton({ user: RITA, channel: ALERTS, messageTs: prompt.ts, label: 'Stop now' });
    await h.slack.waitFor(() => h.slack.ephemerals(RITA).find((m) => m.text.includes('only team members')));
    expect(stops(h)).toHaveLength(0);
  });

  it('a restart between prompt and deadline (new app on the same SQLite file) honours the deadline once', async () => {
    const h = await start();
    const dm = h.slack.dmChannelOf(ALICE);
    await poll(h, 40);
    const prompt = promptsIn(h, dm)[0];
    if (!prompt) throw new Error('no prompt');
    await h.app.stop();
    const second = await buildApp({
      config: h.config,
      logger: pino({ level: 'silent' }),
      clock: h.clock,
      runJobs: false,
    });
    const { port } = await second.start();
    h.slack.setBotUrl(`http://127.0.0.1:${port}/slack/events`);
    // The harness closes `h.app`; hand it the new instance.
    harnesses.splice(harnesses.indexOf(h), 1, {
      ...h,
      app: second,
      close: async () => {
        await second.stop();
        await Promise.all([h.slack.close(), h.sim.close()]);
      },
    });
    await poll({ app: second, clock: h.clock }, 40);
    expect(stops(h)).toHaveLength(1);
    expect(promptCount(h)).toBe(1);
    expect(current(h, dm, prompt.ts)?.text).toContain('no answer by the deadline');
  });

  it('dry-run and ask-only prompt but never call podStop', async () => {
    for (const action of ['dry-run', 'ask-only'] as const) {
      const h = await start({ env: { IDLE_ACTION: action } });
      const dm = h.slack.dmChannelOf(ALICE);
      await poll(h, 120);
      expect(promptCount(h)).toBe(1);
      expect(stops(h)).toHaveLength(0);
      const prompt = promptsIn(h, dm)[0];
      const notes = h.slack.thread(dm, prompt?.ts ?? '').map((m) => m.text);
      if (action === 'dry-run') {
        expect(prompt?.text).toContain('dry run');
        expect(notes.some((t) => t.includes('would have stopped'))).toBe(true);
      } else {
        expect(h.slack.conversation(ALERTS).some((m) => m.text.includes('nobody answered'))).toBe(true);
      }
    }
  });

  it('ask-only with IDLE_CHANNEL archived: the escalation reaches each admin by DM, once', async () => {
    const h = await start({ env: { IDLE_ACTION: 'ask-only' } });
    h.slack.archiveChannel(ALERTS);
    await poll(h, 120);
    expect(h.slack.conversation(ALERTS).some((m) => m.text.includes('nobody answered'))).toBe(false);
    const told = h.slack
      .conversation(h.slack.dmChannelOf(ADA))
      .filter((m) => m.text.includes('could not post this in') && m.text.includes('nobody answered'));
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('is_archived');
  });

  it('RunPod refusing the stop at the deadline: retried after 1, then 2 min, owner told once, one stop in the end', async () => {
    const h = await start();
    const dm = h.slack.dmChannelOf(ALICE);
    await poll(h, 60); // prompt at 10:30; the deadline (11:00) is the next poll
    h.sim.faults.failNext('unauthorized_mutation', 2);
    await poll(h, 2); // refused at 11:00, refused again a minute later
    expect(stops(h)).toHaveLength(0);
    const prompt = promptsIn(h, dm)[0];
    const told = () => h.slack.thread(dm, prompt?.ts ?? '').filter((m) => m.text.includes('Could not stop'));
    expect(told()).toHaveLength(1);
    const attempts = () => h.sim.requests.filter((r) => JSON.stringify(r).includes('podStop')).length;
    expect(attempts()).toBe(2);
    const refused = attempts();
    await poll(h, 1); // the next try is two minutes after the second
    expect(attempts()).toBe(refused);
    await poll(h, 1);
    expect(stops(h)).toHaveLength(1);
    await poll(h, 10);
    expect(stops(h)).toHaveLength(1);
    expect(told()).toHaveLength(1);
  });

  it('a spot interruption gets the owner a DM with Resume; /pod idle lists idle pods', async () => {
    const h = await start();
    await poll(h, 3);
    await h.slack.sendCommand({ user: BOB, channel: 'C01GPU', text: 'idle' });
    await h.slack.waitFor(() => h.slack.ephemerals(BOB).find((m) => m.text.includes('No pod is idle')));
    h.sim.world.interrupt(POD);
    await poll(h, 2);
    const dm = h.slack.dmChannelOf(ALICE);
    const notice = h.slack.conversation(dm).find((m) => m.text.includes('stopped without anyone asking'));
    expect(blocksText(notice ?? {})).toContain('pod_resume');
  });

  it('/pod keep announces until when and holds the prompt back', async () => {
    const h = await start();
    await h.slack.sendCommand({ user: ALICE, channel: 'C01GPU', text: 'keep llama 2h eval run' });
    const announced = await h.slack.waitFor(() =>
      h.slack.conversation('C01GPU').find((m) => m.text.includes('kept `llama-ft`')),
    );
    expect(announced.text).toContain('eval run');
    await poll(h, 100);
    expect(promptCount(h)).toBe(0);
    await poll(h, 30);
    expect(promptCount(h)).toBe(1); // after the 2 h keep ended
    await h.slack.sendCommand({ user: BOB, channel: 'C01GPU', text: 'keep llama 1h' });
    await h.slack.waitFor(() => h.slack.ephemerals(BOB).find((m) => m.text.includes('belongs to')));
  });
});
