/**
 * Nobody forgets a stopped pod, end to end in the sandbox. `dataset-prep` (Ada's) has been stopped
 * for over two weeks in the demo account, so the first pass after a poll nudges Ada; Alice stops her
 * notebook and, with STOPPED_NUDGE_AFTER=30m, is nudged half an hour later. People answer with
 * signed button presses and the typed-name modal; we read what they see and what RunPod received.
 */

import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { checkStoppedOnce } from '../../src/jobs/stopped-pods.js';
import { demoPodIds } from '../../src/sandbox/runpod/demo-world.js';
import { findButton, listButtons } from '../../src/sandbox/slack/find-button.js';
import type { SlackMessage } from '../../src/sandbox/slack/stand-in-state.js';
import { stoppedMessages } from '../../src/slack/blocks/stopped-nudge.js';
import {
  ADA,
  ALICE,
  BOB,
  currentMessage,
  type E2eSandbox,
  GPU_TEAM,
  MINUTE,
  messageShowing,
  mutationsOf,
  namesOf,
  pollMinute,
  sandboxPerTest,
  shown,
  WAIT,
} from './support/e2e-sandbox.js';

const DATASET = demoPodIds['dataset-prep'];
const NOTEBOOK = demoPodIds['alice-notebook'];
const DAY = 24 * 60 * MINUTE;

/** A poll, then the stopped-pods pass, as the running app does every POLL_INTERVAL. */
async function tick(s: E2eSandbox): Promise<void> {
  await pollMinute(s);
  await checkStoppedOnce({ services: s.app.services, messages: stoppedMessages });
}

/** Nudges (they carry the Keep 30 days button) about a pod in a conversation, as they read now. */
const nudgesAbout = (s: E2eSandbox, channel: string, podName: string): SlackMessage[] =>
  s.slack
    .conversation(channel)
    .filter((m) => m.threadTs === null && m.text.includes(podName) && shown(m).includes('stopped_keep_30d'));

/** Every nudge ever posted about the pod (before any update). */
const nudgesPosted = (s: E2eSandbox, podName: string): number =>
  s.slack
    .callsTo('chat.postMessage')
    .map((call) => JSON.stringify(call.params))
    .filter((params) => params.includes('stopped_keep_30d') && params.includes(podName)).length;

const labelsOf = (message: SlackMessage | undefined): string[] =>
  listButtons(message?.blocks ?? []).map((b) => String((b.element.text as { text: string }).text));

describe('stopped-pod nudges in the sandbox', { timeout: 120_000 }, () => {
  const start = sandboxPerTest();

  it('nudges the owner of a long-stopped pod once, even across a second replica; Keep 30 days holds it for 30 days', async () => {
    const s = await start();
    const dm = s.slack.dmChannelOf(ADA);
    await tick(s);
    const [nudge] = nudgesAbout(s, dm, 'dataset-prep');
    expect(nudge).toBeDefined();
    const text = shown(nudge);
    expect(text).toContain('Your pod `dataset-prep` has been stopped for at least *14 d');
    expect(text).toContain('500 GB volume');
    expect(text).toContain('$100.00 a month');
    expect(labelsOf(nudge)).toEqual(['Terminate…', 'Keep 30 days', 'Remind me in 7 days']);
    expect(findButton(nudge?.blocks ?? [], { label: 'Keep 30 days' })?.element.value).toBe(DATASET);
    // Only the stopped pod: the running ones get no nudge, and RunPod was not asked to change anything.
    expect(nudgesPosted(s, 'alice-notebook')).toBe(0);
    expect(s.sim.mutations()).toEqual([]);

    // More passes, and a second replica on the same database: still one nudge.
    for (let i = 0; i < 3; i++) await tick(s);
    const replica = await buildApp({
      config: s.config,
      logger: pino({ level: 'silent' }),
      clock: s.clock,
      runJobs: false,
    });
    try {
      await checkStoppedOnce({ services: replica.services, messages: stoppedMessages });
    } finally {
      await replica.store.close();
    }
    expect(nudgesPosted(s, 'dataset-prep')).toBe(1);

    // The digest lists it with its monthly storage.
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'digest now' });
    const digest = await messageShowing(s, GPU_TEAM, 'Stopped longer than 7 d');
    expect(digest.text).toMatch(
      /`dataset-prep` \(<@U01ADA>\) stopped at least 14 d[^,]*, 500 GB volume, \$100\.00 a month/,
    );

    // Someone else's answer (a forged button press reaches the same service) is refused and changes nothing.
    const forged = await s.app.services.stopped.answer(
      { actor: BOB, podId: DATASET, choice: 'keep_30d' },
      stoppedMessages,
    );
    expect(forged).toEqual({ ok: false, error: { kind: 'not_decidable', reason: 'not_owner' } });

    await s.slack.clickButton({ user: ADA, channel: dm, messageTs: nudge?.ts ?? '', label: 'Keep 30 days' });
    const kept = await s.slack.waitFor(() => {
      const now = currentMessage(s, dm, nudge?.ts ?? '');
      return now?.edited && now.text.includes('30 more days') ? now : null;
    }, WAIT);
    expect(kept.text).toContain('<@U01ADA> keeps `dataset-prep` stopped for 30 more days');
    expect(labelsOf(kept)).toEqual([]);

    s.clock.advance(29 * DAY);
    await tick(s);
    expect(nudgesPosted(s, 'dataset-prep')).toBe(1);
    s.clock.advance(DAY);
    await tick(s);
    expect(nudgesPosted(s, 'dataset-prep')).toBe(2);
    expect(shown(nudgesAbout(s, dm, 'dataset-prep').at(-1))).toContain('As you asked');
    expect(s.sim.world.pod(DATASET)?.desiredStatus).toBe('EXITED');
  });

  const startQuick = sandboxPerTest({ env: { STOPPED_NUDGE_AFTER: '30m', RUNPOD_API: 'rest' } });

  it('over REST: a pod stopped half an hour ago nudges its owner; Remind me in 7 days, then Terminate… with the typed name', async () => {
    const s = await startQuick();
    const dm = s.slack.dmChannelOf(ALICE);
    await tick(s);
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'stop alice-notebook' });
    await s.slack.waitFor(() => s.sim.world.pod(NOTEBOOK)?.desiredStatus === 'EXITED', WAIT);

    // The stretch counts from the last poll that saw it running, at most a minute before the stop.
    for (let i = 0; i < 27; i++) await tick(s);
    expect(nudgesAbout(s, dm, 'alice-notebook')).toEqual([]);
    for (let i = 0; i < 4 && nudgesAbout(s, dm, 'alice-notebook').length === 0; i++) await tick(s);
    const [nudge] = nudgesAbout(s, dm, 'alice-notebook');
    const text = shown(nudge);
    expect(text).toMatch(/Your pod `alice-notebook` has been stopped for \*3\d min\* \(since Mon 30 Nov\)/);
    expect(text).toContain('50 GB volume has cost about *$0.01* meanwhile and costs *$10.00 a month*');

    await s.slack.clickButton({
      user: ALICE,
      channel: dm,
      messageTs: nudge?.ts ?? '',
      label: 'Remind me in 7 days',
    });
    await s.slack.waitFor(
      () => currentMessage(s, dm, nudge?.ts ?? '')?.text.includes('will be reminded about `alice-notebook`'),
      WAIT,
    );
    s.clock.advance(7 * DAY - 2 * MINUTE);
    await tick(s);
    expect(nudgesPosted(s, 'alice-notebook')).toBe(1);
    s.clock.advance(2 * MINUTE);
    await tick(s);
    expect(nudgesPosted(s, 'alice-notebook')).toBe(2);
    const again = nudgesAbout(s, dm, 'alice-notebook').at(-1);
    expect(shown(again)).toContain('stopped for *7 d');

    await s.slack.clickButton({ user: ALICE, channel: dm, messageTs: again?.ts ?? '', label: 'Terminate…' });
    const modal = await s.slack.waitFor(() => {
      const top = s.slack.openViews(ALICE).at(-1);
      return top && top.view.submit?.text === 'Terminate' ? top : null;
    }, WAIT);
    expect(shown({ text: '', blocks: modal.view.blocks })).toContain('alice-notebook');
    // Opening the modal changes nothing; only the typed name terminates.
    expect(namesOf(mutationsOf(s, NOTEBOOK))).toEqual(['rest:stop']);

    await s.slack.submitView({
      user: ALICE,
      viewId: modal.view.id,
      values: { confirm_name: 'alice-notebook' },
    });
    await s.slack.waitFor(() => s.sim.world.pod(NOTEBOOK) === null, WAIT);
    await messageShowing(s, dm, '<@U02ALICE> terminated `alice-notebook`');
    expect(namesOf(mutationsOf(s, NOTEBOOK))).toEqual(['rest:stop', 'rest:terminate']);

    // Gone: its stretch ends, and no nudge ever comes again.
    s.clock.advance(30 * DAY);
    await tick(s);
    expect(nudgesPosted(s, 'alice-notebook')).toBe(2);
  });
});
