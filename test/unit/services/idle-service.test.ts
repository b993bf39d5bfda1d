import { afterEach, describe, expect, it } from 'vitest';
import { RunpodError } from '../../../src/domain/errors.js';
import { unreadablePod } from '../../../src/runpod/rest/rest-to-domain-pod.js';
import type { Store } from '../../../src/services/ports.js';
import { idleMessages } from '../../../src/slack/blocks/idle-messages.js';
import { errorText } from '../../../src/slack/error-text.js';
import { ADA, ALICE, BOB, createWorld, MIN, makePod, RITA, type World } from './idle-fakes.js';

const worlds: World[] = [];
async function world(options: Parameters<typeof createWorld>[0]) {
  const w = await createWorld(options);
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

const buttonsOf = (blocks: unknown) => JSON.stringify(blocks ?? []);
const episodeIdOf = (w: World) => {
  const prompt = w.slack.prompts()[0];
  const match = /"value":"([0-9a-f-]{36})"/.exec(buttonsOf(prompt?.message.blocks));
  if (!match?.[1]) throw new Error('no prompt with an episode id');
  return match[1];
};

describe('idle service: sampling', () => {
  it('samples every pod with ONE listPods per poll, EXITED pods without utilization', async () => {
    const w = await world({
      pods: [makePod('run1', { util: [90] }), makePod('off1', { status: 'EXITED' })],
      owners: { run1: ALICE },
    });
    await w.pollFor(3);
    expect(w.runpod.calls.listPods).toBe(3);
    const samples = await w.store.listSamples(null, new Date(0), w.clock.now());
    expect(samples).toHaveLength(6);
    const running = samples.find((s) => s.podId === 'run1');
    expect(running).toMatchObject({ status: 'RUNNING', gpuUtil: [90], ownerId: ALICE, hasRuntime: true });
    const exited = samples.find((s) => s.podId === 'off1');
    expect(exited).toMatchObject({ status: 'EXITED', gpuUtil: [], hasRuntime: false, volumeInGb: 100 });
  });

  it('a failed poll stores nothing, never counts as idle, and the next poll carries on', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    w.runpod.faults.listPods = new RunpodError('runpod_unavailable', 'HTTP 503');
    await expect(w.idle.poll(idleMessages)).resolves.toEqual({ ok: false, reason: 'runpod_unavailable' });
    expect(await w.store.listSamples(null, new Date(0), new Date(Date.now() * 2))).toHaveLength(0);
    w.runpod.faults.listPods = null;
    // A 3-minute outage in the middle of an idle stretch restarts the window: no prompt 30 min after
    // the start (12:30); samples again from 12:13, so the window is covered at 12:43.
    await w.pollFor(10); // 12:00 … 12:09
    w.runpod.faults.listPods = new RunpodError('runpod_unavailable', 'HTTP 503');
    await w.pollFor(3); // 12:10 … 12:12
    w.runpod.faults.listPods = null;
    await w.pollFor(18); // 12:13 … 12:30
    expect(w.slack.prompts()).toHaveLength(0);
    await w.pollFor(13); // 12:31 … 12:43
    expect(w.slack.prompts()).toHaveLength(1);
  });

  it('remembers when a pod was first seen running, across restarts, for the warm-up', async () => {
    const fresh = makePod('p1');
    const noUptime = { ...fresh, runtime: fresh.runtime ? { ...fresh.runtime, uptimeSeconds: null } : null };
    const w = await world({ pods: [noUptime], owners: { p1: ALICE }, settings: { idleWarmupMs: 40 * MIN } });
    await w.pollFor(20);
    const restarted = w.service();
    for (let i = 0; i < 25; i++) {
      await restarted.poll(idleMessages);
      w.clock.advance(MIN);
    }
    // 45 polls (12:00 … 12:44): idle from 12:30, but the warm-up (40 min since first seen) holds until 12:41.
    const seen = await w.store.getPodSeen('p1');
    expect(seen?.runningSince).toEqual(new Date('2026-11-02T12:00:00Z'));
    expect(w.slack.prompts()).toHaveLength(1);
    const episode = (await w.store.listActiveEpisodes())[0];
    expect(episode?.openedAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-11-02T12:40:00Z').getTime());
  });
});

describe('idle service: prompt, reminder, deadline', () => {
  it('idle pod → one prompt → reminder in the thread → exactly one stop at the deadline', async () => {
    const w = await world({
      pods: [makePod('p1', { name: 'llama-ft' })],
      owners: { p1: ALICE },
      timeZones: { [ALICE]: 'America/New_York' },
    });
    await w.pollFor(31); // 12:00 … 12:30: the window is covered at 12:30
    const prompts = w.slack.prompts();
    expect(prompts).toHaveLength(1);
    const prompt = prompts[0];
    if (!prompt) return;
    expect(prompt.channel).toBe('D02ALICE');
    // 12:30 UTC + 30 min = 13:00 UTC = 08:00 in New York.
    expect(prompt.message.text).toContain('08:00 America/New_York> unless you keep it');
    const blocks = buttonsOf(prompt.message.blocks);
    for (const label of ['Stop now', 'Keep 1 h', 'Keep 4 h', 'Keep until 09:00'])
      expect(blocks).toContain(label);
    expect(blocks).toContain('container disk');
    const audit = await w.store.listAudit('p1', 10);
    expect(audit.map((a) => a.action)).toContain('idle_prompt');

    await w.pollFor(20); // 12:31 … 12:50: the reminder at 12:50
    expect(w.slack.inThread(prompt.ts)).toHaveLength(1);
    expect(w.slack.inThread(prompt.ts)[0]?.message.text).toContain('Reminder');
    expect(w.runpod.calls.stopPod).toEqual([]);

    await w.pollFor(10); // … 13:00: the deadline
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    const update = w.slack.updates.at(-1);
    expect(update?.ts).toBe(prompt.ts);
    expect(update?.message.text).toContain('no answer by the deadline');
    expect(buttonsOf(update?.message.blocks)).toContain('pod_resume');
    const stopAudit = (await w.store.listAudit('p1', 10)).find((a) => a.action === 'idle_stop');
    expect(stopAudit).toMatchObject({ actor: 'podwarden', outcome: 'ok' });
    expect(JSON.parse(stopAudit?.evidence ?? '{}')).toMatchObject({ rule: { gpuUtilMax: 5 } });
    expect(await w.store.listSavings(new Date(0), new Date('2030-01-01'))).toHaveLength(1);

    await w.pollFor(60);
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    expect(w.slack.prompts()).toHaveLength(1);
    expect(w.slack.inThread(prompt.ts)).toHaveLength(1);
  });

  it('activity returning closes the prompt in place and nothing is stopped', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(35);
    expect(w.slack.prompts()).toHaveLength(1);
    w.runpod.set('p1', { util: [0, 88] });
    await w.pollFor(1);
    expect(w.slack.updates.at(-1)?.message.text).toContain('back to work');
    w.runpod.set('p1', { util: [0, 0] });
    await w.pollFor(29); // idle again from 12:36, but the window is not covered before 13:06
    expect(w.runpod.calls.stopPod).toEqual([]);
    expect(w.slack.prompts()).toHaveLength(1);
  });

  it('a pod stopped elsewhere ends the episode without a stop', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(32); // prompt at 12:30
    w.runpod.set('p1', { status: 'EXITED' });
    await w.pollFor(40);
    expect(w.runpod.calls.stopPod).toEqual([]);
    expect(w.slack.updates.some((u) => u.message.text.includes('outside podwarden'))).toBe(true);
  });

  it('RunPod failing at the deadline: retried after 1 and 2 minutes, owner told once, one stop in the end', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(60); // prompt at 12:30, deadline 13:00 not reached yet
    w.runpod.faults.stopPod = new RunpodError('runpod_unavailable', 'HTTP 502 from RunPod');
    await w.pollFor(3); // refused at 13:00 and 13:01; the next try is due at 13:03
    expect(w.runpod.calls.stopPod).toEqual(['p1', 'p1']);
    await w.pollFor(1);
    expect(w.runpod.calls.stopPod).toEqual(['p1', 'p1', 'p1']);
    const prompt = w.slack.prompts()[0];
    const notes = w.slack.inThread(prompt?.ts ?? '').filter((p) => p.message.text.includes('Could not stop'));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message.text).toContain('HTTP 502 from RunPod');
    w.runpod.faults.stopPod = null;
    await w.pollFor(5);
    expect(w.runpod.calls.stopPod).toEqual(['p1', 'p1', 'p1', 'p1']);
    const failed = (await w.store.listAudit('p1', 20)).filter((a) => a.action === 'idle_stop');
    expect(failed.map((a) => a.outcome)).toEqual(['ok', 'failed', 'failed', 'failed']);
  });

  it('a restart between prompt and deadline honours the deadline once', async () => {
    const first = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await first.pollFor(40);
    expect(first.slack.prompts()).toHaveLength(1);
    await first.store.close();
    const second = await createWorld({
      pods: [...first.runpod.pods.values()],
      dir: first.dir,
      start: first.clock.now().toISOString(),
    });
    worlds.push(second);
    await second.pollFor(30);
    expect(second.runpod.calls.stopPod).toEqual(['p1']);
    expect(second.slack.prompts()).toHaveLength(0);
    expect(second.slack.updates.at(-1)?.message.text).toContain('no answer by the deadline');
  });

  it('a stop claimed by a process that died is settled: retried while the pod still runs', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(52); // prompt at 12:30, deadline 13:00
    const [episode] = await w.store.listActiveEpisodes();
    if (!episode) throw new Error('no episode');
    // At 12:52 another process claimed the stop and died before calling RunPod.
    await w.store.transitionEpisode(episode.id, ['open'], 'stopping', { updatedAt: w.clock.now() });
    await w.pollFor(9); // 12:52 … 13:00: the deadline passes while the claim is fresh: nothing happens
    expect(w.runpod.calls.stopPod).toEqual([]);
    await w.pollFor(5); // the claim is stale now: back to open, and the deadline stops it once
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    await w.pollFor(30);
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
  });

  it('two pollers on one database: one prompt, one reminder, one stop', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    const other = w.service();
    for (let i = 0; i < 70; i++) {
      await Promise.all([w.idle.poll(idleMessages), other.poll(idleMessages)]);
      w.clock.advance(MIN);
    }
    expect(w.slack.prompts()).toHaveLength(1);
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    const prompt = w.slack.prompts()[0];
    expect(
      w.slack.inThread(prompt?.ts ?? '').filter((p) => p.message.text.includes('Reminder')),
    ).toHaveLength(1);
  });

  it('dry-run prompts say so, never stop, and note "would have stopped" in the thread', async () => {
    const w = await world({
      pods: [makePod('p1')],
      owners: { p1: ALICE },
      settings: { idleAction: 'dry-run' },
    });
    await w.pollFor(120);
    expect(w.runpod.calls.stopPod).toEqual([]);
    const prompts = w.slack.prompts();
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.message.text).toContain('dry run');
    const notes = w.slack.inThread(prompts[0]?.ts ?? '').map((p) => p.message.text);
    expect(notes.filter((t) => t.includes('would have stopped'))).toHaveLength(1);
    // Stop now still stops in dry-run.
    const result = await w.idle.answer(
      { actor: ALICE, episodeId: episodeIdOf(w), choice: 'stop_now' },
      idleMessages,
    );
    expect(result.ok).toBe(true);
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
  });

  it('ask-only escalates to IDLE_CHANNEL at the deadline and never stops', async () => {
    const w = await world({
      pods: [makePod('p1')],
      owners: { p1: ALICE },
      settings: { idleAction: 'ask-only', idleChannel: 'C02ALERTS' },
    });
    await w.pollFor(150);
    expect(w.runpod.calls.stopPod).toEqual([]);
    expect(w.slack.prompts()).toHaveLength(1);
    const escalations = w.slack.posts.filter((p) => p.channel === 'C02ALERTS');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.message.text).toContain('nobody answered');
    expect((await w.store.listAudit('p1', 10)).map((a) => a.action)).toContain('idle_escalate');
  });

  it('IDLE_ACTION=off sends no prompts and stops nothing', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE }, settings: { idleAction: 'off' } });
    await w.pollFor(90);
    expect(w.slack.posts).toHaveLength(0);
    expect(w.runpod.calls.stopPod).toEqual([]);
  });

  it('0-GPU, exempt and busy pods are never prompted', async () => {
    const w = await world({
      pods: [makePod('cpu', { util: [] }), makePod('ex'), makePod('busy', { util: [70] })],
      owners: { cpu: ALICE, ex: ALICE, busy: ALICE },
    });
    await w.store.setExempt('ex', true, ADA, w.clock.now());
    await w.pollFor(90);
    expect(w.slack.posts).toHaveLength(0);
  });
});

describe('idle service: unowned pods', () => {
  it('go to IDLE_CHANNEL with Stop now · Keep 1 h · Claim; Claim makes the clicker the owner', async () => {
    const w = await world({
      pods: [makePod('p1')],
      settings: { idleChannel: 'C01GPU', digestTz: 'Europe/Berlin' },
    });
    await w.pollFor(31);
    const prompt = w.slack.prompts()[0];
    expect(prompt?.channel).toBe('C01GPU');
    const blocks = buttonsOf(prompt?.message.blocks);
    expect(blocks).toContain('Claim');
    expect(blocks).not.toContain('Keep 4 h');
    expect(prompt?.message.text).toContain(' Europe/Berlin>');
    const claimed = await w.idle.answer(
      { actor: BOB, episodeId: episodeIdOf(w), choice: 'claim' },
      idleMessages,
    );
    expect(claimed.ok).toBe(true);
    expect(await w.store.getOwner('p1')).toBe(BOB);
    const updated = w.slack.updates.at(-1);
    expect(updated?.message.text).toBeDefined();
    expect(buttonsOf(updated?.message.blocks)).toContain('Keep 4 h');
    // Now only Bob or an admin may answer.
    const refused = await w.idle.answer(
      { actor: ALICE, episodeId: episodeIdOf(w), choice: 'stop_now' },
      idleMessages,
    );
    expect(refused).toEqual({ ok: false, error: { kind: 'not_decidable', reason: 'not_owner' } });
  });

  it('without IDLE_CHANNEL go to each admin; without admins nobody is asked and nothing is stopped', async () => {
    const withAdmins = await world({ pods: [makePod('p1')], settings: { admins: [ADA, 'U05ADMIN'] } });
    await withAdmins.pollFor(31);
    expect(withAdmins.slack.prompts().map((p) => p.channel)).toEqual(['D01ADA', 'D05ADMIN']);

    const nobody = await world({ pods: [makePod('p1')], settings: { admins: [] } });
    await nobody.pollFor(120);
    expect(nobody.slack.posts).toHaveLength(0);
    expect(nobody.runpod.calls.stopPod).toEqual([]);
    const listed = await nobody.idle.listIdle(ADA);
    expect(listed.ok && listed.value.pods.map((p) => [p.podId, p.ownerId])).toEqual([['p1', null]]);
  });
});

describe('idle service: answers', () => {
  it('Stop now stops at once; a second click and a click by someone else stop nothing more', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(31);
    const episodeId = episodeIdOf(w);
    const refused = await w.idle.answer({ actor: BOB, episodeId, choice: 'stop_now' }, idleMessages);
    expect(refused).toEqual({ ok: false, error: { kind: 'not_decidable', reason: 'not_owner' } });

    const [a, b] = await Promise.all([
      w.idle.answer({ actor: ALICE, episodeId, choice: 'stop_now' }, idleMessages),
      w.idle.answer({ actor: ALICE, episodeId, choice: 'stop_now' }, idleMessages),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    const late = await w.idle.answer({ actor: ADA, episodeId, choice: 'keep_1h' }, idleMessages);
    expect(late).toEqual({ ok: false, error: { kind: 'not_decidable', reason: 'closed' } });
    await w.pollFor(60);
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    const audit = await w.store.listAudit('p1', 20);
    expect(audit.filter((e) => e.action === 'stop').map((e) => [e.actor, e.outcome])).toContainEqual([
      ALICE,
      'ok',
    ]);
    expect(audit.some((e) => e.actor === BOB && e.outcome === 'refused')).toBe(true);
  });

  it('a forged episode id and a read-only user are refused', async () => {
    const w = await world({
      pods: [makePod('p1')],
      owners: { p1: ALICE },
      settings: { members: [ALICE, BOB] },
    });
    await w.pollFor(31);
    const forged = await w.idle.answer(
      { actor: ALICE, episodeId: 'not-an-episode', choice: 'stop_now' },
      idleMessages,
    );
    expect(forged).toEqual({ ok: false, error: { kind: 'not_decidable', reason: 'closed' } });
    const reader = await w.idle.answer(
      { actor: RITA, episodeId: episodeIdOf(w), choice: 'keep_1h' },
      idleMessages,
    );
    expect(reader).toEqual({ ok: false, error: { kind: 'not_decidable', reason: 'read_only' } });
    expect(w.runpod.calls.stopPod).toEqual([]);
  });

  it('Keep 1 h: no stop and no new prompt until the keep ends, then a new prompt', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(31);
    const kept = await w.idle.answer(
      { actor: ALICE, episodeId: episodeIdOf(w), choice: 'keep_1h' },
      idleMessages,
    );
    expect(kept.ok && kept.value.until).toEqual(new Date('2026-11-02T13:31:00Z'));
    expect(w.slack.updates.at(-1)?.message.text).toContain('kept');
    await w.pollFor(60); // 12:31 … 13:30
    expect(w.slack.prompts()).toHaveLength(1);
    expect(w.runpod.calls.stopPod).toEqual([]);
    await w.pollFor(2);
    expect(w.slack.prompts()).toHaveLength(2);
    expect((await w.store.listAudit('p1', 20)).filter((a) => a.action === 'keep')).toHaveLength(1);
  });

  it('Keep until 09:00 is the next 09:00 in the owner’s zone', async () => {
    const w = await world({
      pods: [makePod('p1')],
      owners: { p1: ALICE },
      timeZones: { [ALICE]: 'Europe/Berlin' },
    });
    await w.pollFor(31); // prompt at 12:30 UTC = 13:30 Berlin
    const kept = await w.idle.answer(
      { actor: ALICE, episodeId: episodeIdOf(w), choice: 'keep_until' },
      idleMessages,
    );
    expect(kept.ok && kept.value.until).toEqual(new Date('2026-11-03T08:00:00Z'));
  });
});

describe('idle service: robustness', () => {
  it('a time zone this runtime does not know falls back to DIGEST_TZ, and other pods are still handled', async () => {
    const w = await world({
      pods: [makePod('p1'), makePod('p2')],
      owners: { p1: ALICE, p2: BOB },
      timeZones: { [ALICE]: 'Mars/Olympus', [BOB]: 'Europe/Berlin' },
    });
    await w.pollFor(31);
    const prompts = w.slack.prompts();
    expect(prompts).toHaveLength(2);
    const alices = prompts.find((p) => p.message.text.includes('p1'));
    expect(alices?.message.text).toContain(' UTC>');
  });
});

describe('idle service: /pod keep, exempt, idle', () => {
  it('a member’s keep is cut to IDLE_MAX_KEEP; an admin’s is not; an open prompt is updated', async () => {
    const w = await world({ pods: [makePod('p1', { name: 'llama-ft' })], owners: { p1: ALICE } });
    await w.pollFor(31);
    const member = await w.idle.keep(
      { actor: ALICE, ref: 'llama', request: { kind: 'for', ms: 72 * 60 * MIN }, reason: 'eval run' },
      idleMessages,
    );
    expect(member.ok && member.value).toMatchObject({
      capped: true,
      until: new Date('2026-11-03T12:31:00Z'),
    });
    expect(w.slack.updates.at(-1)?.message.text).toContain('kept');
    const admin = await w.idle.keep(
      { actor: ADA, ref: 'p1', request: { kind: 'for', ms: 72 * 60 * MIN }, reason: null },
      idleMessages,
    );
    expect(admin.ok && admin.value.capped).toBe(false);
    const other = await w.idle.keep(
      { actor: BOB, ref: 'p1', request: { kind: 'for', ms: MIN }, reason: null },
      idleMessages,
    );
    expect(other.ok).toBe(false);
    expect(!other.ok && other.error.kind).toBe('forbidden');
    const unknown = await w.idle.keep(
      { actor: ALICE, ref: 'nope', request: { kind: 'for', ms: MIN }, reason: null },
      idleMessages,
    );
    expect(!unknown.ok && unknown.error.kind).toBe('pod_not_found');
  });

  it('exempt is for admins; an exempt pod is never prompted', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    const member = await w.idle.setExempt({ actor: ALICE, ref: 'p1', exempt: true }, idleMessages);
    expect(!member.ok && member.error.kind).toBe('admin_only');
    const admin = await w.idle.setExempt({ actor: ADA, ref: 'p1', exempt: true }, idleMessages);
    expect(admin.ok).toBe(true);
    await w.pollFor(60);
    expect(w.slack.prompts()).toHaveLength(0);
    await w.idle.setExempt({ actor: ADA, ref: 'p1', exempt: false }, idleMessages);
    await w.pollFor(1);
    expect(w.slack.prompts()).toHaveLength(1);
  });

  it('/pod idle lists idle pods with owner, idle time and idle dollars', async () => {
    const w = await world({
      pods: [makePod('p1', { costPerHr: 2 }), makePod('p2', { util: [50] })],
      owners: { p1: ALICE },
      settings: { idleGraceMs: 120 * MIN },
    });
    await w.pollFor(61); // samples 12:00 … 13:00, asked at 13:01
    const listed = await w.idle.listIdle(BOB);
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.value.pods).toHaveLength(1);
    expect(listed.value.pods[0]).toMatchObject({
      podId: 'p1',
      ownerId: ALICE,
      idleMs: 61 * MIN,
      idleUsd: 2.03,
    });
    expect(listed.value.pods[0]?.episode).toMatchObject({ state: 'open' });
  });
});

describe('idle service: keeps and answers racing a stop', () => {
  const keptUpdates = (w: World) => w.slack.updates.filter((u) => u.message.text.includes('kept'));

  it('/pod keep while podwarden is stopping the pod keeps nothing and says the pod is being stopped', async () => {
    const w = await world({ pods: [makePod('p1', { name: 'llama-ft' })], owners: { p1: ALICE } });
    await w.pollFor(52); // prompt at 12:30, deadline 13:00
    const [episode] = await w.store.listActiveEpisodes();
    if (!episode) throw new Error('no episode');
    // A deadline stop or someone's Stop now has claimed the stop and is calling RunPod.
    await w.store.transitionEpisode(episode.id, ['open'], 'stopping', { updatedAt: w.clock.now() });
    const kept = await w.idle.keep(
      { actor: ALICE, ref: 'llama-ft', request: { kind: 'for', ms: 60 * MIN }, reason: 'eval' },
      idleMessages,
    );
    expect(kept.ok).toBe(false);
    if (kept.ok) return;
    expect(kept.error).toMatchObject({ kind: 'invalid_state', status: 'STOPPING', action: 'keep' });
    expect(errorText(kept.error)).toContain('is stopping');
    expect(await w.store.getKeep('p1')).toBeNull();
    expect(keptUpdates(w)).toHaveLength(0);
    const audit = (await w.store.listAudit('p1', 20)).filter((a) => a.action === 'keep');
    expect(audit.map((a) => a.outcome)).toEqual(['refused']);
  });

  it('/pod keep losing the race to Stop now writes no keep; with no episode it just keeps', async () => {
    const w = await world({
      pods: [makePod('p1'), makePod('p2', { util: [80] })],
      owners: { p1: ALICE, p2: ALICE },
    });
    await w.pollFor(31);
    // Stop now claims the stop right after /pod keep read the open episode.
    const racing: Store = new Proxy(w.store, {
      get(target, key, receiver) {
        if (key !== 'getActiveEpisode') return Reflect.get(target, key, receiver);
        return async (podId: string) => {
          const active = await target.getActiveEpisode(podId);
          if (active)
            await target.transitionEpisode(active.id, ['open'], 'stopping', { updatedAt: w.clock.now() });
          return active;
        };
      },
    });
    const kept = await w
      .service(racing)
      .keep({ actor: ALICE, ref: 'p1', request: { kind: 'for', ms: 60 * MIN }, reason: null }, idleMessages);
    expect(!kept.ok && kept.error).toMatchObject({ kind: 'invalid_state', status: 'STOPPING' });
    expect(await w.store.getKeep('p1')).toBeNull();
    expect(keptUpdates(w)).toHaveLength(0);

    const busy = await w.idle.keep(
      { actor: ALICE, ref: 'p2', request: { kind: 'for', ms: 60 * MIN }, reason: null },
      idleMessages,
    );
    expect(busy.ok && busy.value.until).toEqual(new Date('2026-11-02T13:31:00Z'));
    expect((await w.store.getKeep('p2'))?.until).toEqual(new Date('2026-11-02T13:31:00Z'));
  });

  it('Keep 1 h losing the race to Stop now writes no keep and says the pod is being stopped', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(31);
    const episodeId = episodeIdOf(w);
    // The click reads the open episode; a Stop now claims the stop before the keep lands.
    const racing: Store = new Proxy(w.store, {
      get(target, key, receiver) {
        if (key !== 'getEpisode') return Reflect.get(target, key, receiver);
        return async (id: string) => {
          const episode = await target.getEpisode(id);
          await target.transitionEpisode(id, ['open'], 'stopping', { updatedAt: w.clock.now() });
          return episode;
        };
      },
    });
    const kept = await w.service(racing).answer({ actor: ALICE, episodeId, choice: 'keep_1h' }, idleMessages);
    expect(!kept.ok && kept.error).toMatchObject({
      kind: 'invalid_state',
      status: 'STOPPING',
      action: 'keep',
    });
    expect(await w.store.getKeep('p1')).toBeNull();
    expect(keptUpdates(w)).toHaveLength(0);
    expect((await w.store.getEpisode(episodeId))?.state).toBe('stopping');
  });
});

describe('idle service: answers on a prompt older than the lookback', () => {
  /** ask-only: prompted at 12:30, escalated at 13:00; 7 days on, the still-idle pod is prompted again. */
  async function twoPrompts() {
    const w = await world({
      pods: [makePod('p1')],
      owners: { p1: ALICE },
      settings: { idleAction: 'ask-only' },
    });
    await w.pollFor(61);
    const oldId = episodeIdOf(w);
    expect((await w.store.getEpisode(oldId))?.state).toBe('escalated');
    w.clock.advance(7 * 24 * 60 * MIN);
    await w.pollFor(40);
    expect(w.slack.prompts()).toHaveLength(2);
    const [active] = await w.store.listActiveEpisodes();
    if (!active || active.id === oldId) throw new Error('no newer episode');
    return { w, oldId, active };
  }

  it('Stop now on the old prompt stops the pod once, through the newer episode', async () => {
    const { w, oldId, active } = await twoPrompts();
    const stopped = await w.idle.answer({ actor: ALICE, episodeId: oldId, choice: 'stop_now' }, idleMessages);
    expect(stopped.ok).toBe(true);
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    expect((await w.store.getEpisode(active.id))?.state).toBe('stopped');
    const newer = w.slack.prompts()[1];
    expect(stopped.ok && stopped.value.updated.map((p) => p.ts)).toContain(newer?.ts);
    expect(stopped.ok && stopped.value.message.text).toContain('stopped');
    const audit = (await w.store.listAudit('p1', 20)).filter((a) => a.action === 'stop');
    expect(audit.map((a) => [a.actor, a.outcome])).toEqual([[ALICE, 'ok']]);
  });

  it('Keep on the old prompt keeps the pod and closes the newer prompt', async () => {
    const { w, oldId, active } = await twoPrompts();
    const kept = await w.idle.answer({ actor: ALICE, episodeId: oldId, choice: 'keep_4h' }, idleMessages);
    expect(kept.ok).toBe(true);
    expect((await w.store.getEpisode(active.id))?.state).toBe('kept');
    expect(await w.store.getKeep('p1')).not.toBeNull();
    expect(w.runpod.calls.stopPod).toEqual([]);
  });

  it('while the newer episode is being stopped, the old prompt says so and sends nothing', async () => {
    const { w, oldId, active } = await twoPrompts();
    await w.store.transitionEpisode(active.id, ['open'], 'stopping', { updatedAt: w.clock.now() });
    const stop = await w.idle.answer({ actor: ALICE, episodeId: oldId, choice: 'stop_now' }, idleMessages);
    expect(!stop.ok && stop.error).toMatchObject({
      kind: 'invalid_state',
      status: 'STOPPING',
      action: 'stop',
    });
    const keep = await w.idle.answer({ actor: ALICE, episodeId: oldId, choice: 'keep_1h' }, idleMessages);
    expect(!keep.ok && keep.error).toMatchObject({
      kind: 'invalid_state',
      status: 'STOPPING',
      action: 'keep',
    });
    expect(w.runpod.calls.stopPod).toEqual([]);
    expect(await w.store.getKeep('p1')).toBeNull();
    expect((await w.store.getEpisode(oldId))?.state).toBe('escalated');
  });
});

describe('idle service: unexpected stops and savings', () => {
  it('a pod stopping without anyone asking gets its owner a DM with Resume; podwarden’s own stop does not', async () => {
    const w = await world({
      pods: [makePod('spot', { util: [90] }), makePod('idle1')],
      owners: { spot: ALICE, idle1: BOB },
    });
    await w.pollFor(5);
    w.runpod.set('spot', { status: 'EXITED' });
    await w.pollFor(80); // idle1 is stopped by podwarden at its deadline meanwhile
    const notices = w.slack.posts.filter((p) => p.message.text.includes('without anyone asking'));
    expect(notices.map((n) => n.channel)).toEqual(['D02ALICE']);
    expect(buttonsOf(notices[0]?.message.blocks)).toContain('pod_resume');
    expect(w.runpod.calls.stopPod).toEqual(['idle1']);
  });

  it('a pod RunPod describes unreadably is not taken for stopped or gone, and is not judged', async () => {
    const w = await world({ pods: [makePod('p1', { util: [90] })], owners: { p1: ALICE } });
    await w.pollFor(5);
    w.runpod.set('p1', { ...unreadablePod('p1', 'p1-name', 'disk'), unreadable: 'disk' });
    await w.pollFor(60);
    expect(w.slack.posts.filter((p) => p.message.text.includes('without anyone asking'))).toEqual([]);
    expect(w.slack.prompts()).toEqual([]);
    expect((await w.store.getPodSeen('p1'))?.lastStatus).toBe('RUNNING');
  });

  it('a pod podwarden stopped and someone then terminated saves nothing from then on', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(62); // stopped at the deadline, 13:00
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    w.runpod.pods.delete('p1'); // terminated: gone from the account
    const goneAt = w.clock.now();
    await w.pollFor(3);
    const savings = await w.store.listSavings(new Date(0), new Date('2030-01-01'));
    expect(savings).toHaveLength(1);
    expect(savings[0]?.resumedAt?.toISOString()).toBe(goneAt.toISOString());
  });

  it('a pod podwarden stopped ends its saving when it runs again', async () => {
    const w = await world({ pods: [makePod('p1')], owners: { p1: ALICE } });
    await w.pollFor(62); // stopped at the deadline, 13:00
    expect(w.runpod.calls.stopPod).toEqual(['p1']);
    w.runpod.set('p1', { util: [80, 80] });
    await w.pollFor(1);
    const savings = await w.store.listSavings(new Date(0), new Date('2030-01-01'));
    expect(savings).toHaveLength(1);
    expect(savings[0]?.resumedAt).not.toBeNull();
  });
});
