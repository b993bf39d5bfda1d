/**
 * Idle detection end to end in the demo account. `alice-notebook` was busy for 45 minutes after it
 * started and has been left open since; `old-eval-box` is idle and has no owner; the spot pod
 * `sdxl-spot-sweep` is reclaimed by RunPod half an hour in. The real poller samples the simulator
 * once a minute on the manual clock (the simulator's utilization follows the same clock), and the
 * people answer in the Slack stand-in with signed button presses.
 */
import { describe, expect, it } from 'vitest';
import { demoPodIds } from '../../src/sandbox/runpod/demo-world.js';
import { findButton, listButtons } from '../../src/sandbox/slack/find-button.js';
import type { SlackMessage } from '../../src/sandbox/slack/stand-in-state.js';
import {
  ALERTS,
  ALICE,
  API_MODES,
  BOB,
  currentMessage,
  type E2eSandbox,
  IDLE_ENV,
  MINUTE,
  mutationName,
  mutationsOf,
  namesOf,
  pollMinutes,
  pollUntil,
  promptsFor,
  promptsPosted,
  sandboxPerTest,
  shown,
  WAIT,
} from './support/e2e-sandbox.js';

const NOTEBOOK = demoPodIds['alice-notebook'];
const EVAL_BOX = demoPodIds['old-eval-box'];
const SPOT = demoPodIds['sdxl-spot-sweep'];

const postedAt = (message: SlackMessage): number => Math.round(Number(message.ts) * 1000);

/** Polls until Alice's DM holds the idle prompt about her notebook (at most an hour). */
async function notebookPrompt(s: E2eSandbox): Promise<SlackMessage> {
  const dm = s.slack.dmChannelOf(ALICE);
  const { value } = await pollUntil(s, () => promptsFor(s, dm, 'alice-notebook')[0], 60);
  return value;
}

const stopsOf = (s: E2eSandbox, podId: string) =>
  mutationsOf(s, podId).filter((m) => (m.name === 'podStop' || m.name === 'rest:stop') && m.ok);

// Each test runs one to two hours of minute polls: generous for a slow 2-core machine.
describe.each(API_MODES)('RUNPOD_API=%s', (api) => {
  const start = sandboxPerTest({ api, env: { ...IDLE_ENV } });
  const STOP = mutationName(api, 'stop');
  const RESUME = mutationName(api, 'resume');
  const TERMINATE = mutationName(api, 'terminate');
  void [STOP, RESUME, TERMINATE];

  describe('idle prompts in the sandbox', { timeout: 120_000 }, () => {
    it('asks the owner with evidence; Stop now stops the pod once and updates the DM in place', async () => {
      const s = await start();
      const dm = s.slack.dmChannelOf(ALICE);
      const prompt = await notebookPrompt(s);

      // Busy for 45 minutes after its start (08:00), idle since: idle from the first poll at 10:00, so
      // the window is covered from its start 30 polls in, at 10:30.
      expect(postedAt(prompt)).toBeGreaterThanOrEqual(Date.parse('2026-11-30T10:30:00Z'));
      expect(prompt.text).toContain('alice-notebook');
      const text = shown(prompt);
      expect(text).toContain('has been idle for');
      expect(text).toContain('$1.64/h');
      expect(text).toContain('GPU memory');
      expect(text).toContain('(America/New_York)');
      expect(text).toContain('container disk');
      const labels = listButtons(prompt.blocks).map((b) => String((b.element.text as { text: string }).text));
      expect(labels).toEqual(['Stop now', 'Keep 1 h', 'Keep 4 h', 'Keep until 09:00']);
      expect(s.sim.mutations()).toEqual([]);

      await s.slack.clickButton({ user: ALICE, channel: dm, messageTs: prompt.ts, label: 'Stop now' });
      await s.slack.waitFor(() => stopsOf(s, NOTEBOOK).length === 1, WAIT);
      const answered = await s.slack.waitFor(() => {
        const now = currentMessage(s, dm, prompt.ts);
        return now?.edited && now.text.includes('stopped') ? now : null;
      }, WAIT);
      expect(answered.text).toContain('<@U02ALICE> stopped `alice-notebook`');
      expect(findButton(answered.blocks, { label: 'Stop now' })).toBeNull();
      expect(findButton(answered.blocks, { label: 'Resume', value: NOTEBOOK })).not.toBeNull();
      expect(s.sim.world.pod(NOTEBOOK)?.desiredStatus).toBe('EXITED');
      expect(s.slack.conversation(dm).filter((m) => m.threadTs === null)).toHaveLength(1);

      // Forty more minutes of polls: no second stop, no second prompt about the stopped pod.
      await pollMinutes(s, 40);
      expect(namesOf(mutationsOf(s, NOTEBOOK))).toEqual([STOP]);
      expect(promptsPosted(s, 'alice-notebook')).toBe(1);
    });

    it('Keep 1 h: no stop, the prompt says until when, and no new prompt until the keep ends', async () => {
      const s = await start();
      const dm = s.slack.dmChannelOf(ALICE);
      const prompt = await notebookPrompt(s);

      const keptAt = s.clock.now().getTime();
      await s.slack.clickButton({ user: ALICE, channel: dm, messageTs: prompt.ts, label: 'Keep 1 h' });
      const kept = await s.slack.waitFor(() => {
        const now = currentMessage(s, dm, prompt.ts);
        return now?.edited && now.text.includes('kept') ? now : null;
      }, WAIT);
      expect(kept.text).toContain('<@U02ALICE> kept `alice-notebook` until');
      expect(findButton(kept.blocks, { label: 'Stop now' })).toBeNull();

      // The keep runs for an hour: the grace deadline passes, and nothing happens to the notebook.
      await pollMinutes(s, 55);
      expect(stopsOf(s, NOTEBOOK)).toEqual([]);
      expect(promptsPosted(s, 'alice-notebook')).toBe(1);
      expect(s.sim.world.pod(NOTEBOOK)?.desiredStatus).toBe('RUNNING');

      // Still idle when the keep ends: Alice is asked again, once.
      await pollUntil(s, () => promptsPosted(s, 'alice-notebook') === 2, 15);
      expect(s.clock.now().getTime() - keptAt).toBeGreaterThanOrEqual(60 * MINUTE);
      expect(promptsFor(s, dm, 'alice-notebook')).toHaveLength(1);
      expect(stopsOf(s, NOTEBOOK)).toEqual([]);
    });

    it('no answer: one reminder in the thread, then the pod is stopped at the deadline and the prompt says so', async () => {
      const s = await start();
      const dm = s.slack.dmChannelOf(ALICE);
      const prompt = await notebookPrompt(s);
      const deadline = postedAt(prompt) + 30 * MINUTE;
      const channelPrompt = promptsFor(s, ALERTS, 'old-eval-box')[0];
      expect(shown(channelPrompt)).toContain('no owner');
      expect(findButton(channelPrompt?.blocks ?? [], { label: 'Claim' })).not.toBeNull();

      const replies = () => s.slack.thread(dm, prompt.ts).filter((m) => m.ts !== prompt.ts);
      const { value: reminder } = await pollUntil(s, () => replies()[0], 30);
      expect(reminder.text).toContain('Reminder');
      expect(reminder.text).toContain('alice-notebook');
      expect(postedAt(reminder)).toBeLessThan(deadline);
      expect(stopsOf(s, NOTEBOOK)).toEqual([]);

      await pollUntil(s, () => stopsOf(s, NOTEBOOK).length > 0, 30);
      const [stop] = stopsOf(s, NOTEBOOK);
      expect(stop?.at.getTime()).toBeGreaterThanOrEqual(deadline);
      expect(stop?.at.getTime()).toBeLessThanOrEqual(deadline + 2 * MINUTE);
      const updated = currentMessage(s, dm, prompt.ts);
      expect(updated?.text).toContain('no answer by the deadline');
      expect(findButton(updated?.blocks ?? [], { label: 'Resume' })).not.toBeNull();
      // The unowned pod nobody answered for in #gpu-alerts went the same way.
      expect(stopsOf(s, EVAL_BOX)).toHaveLength(1);

      await pollMinutes(s, 30);
      expect(replies()).toHaveLength(1);
      expect(stopsOf(s, NOTEBOOK)).toHaveLength(1);
      expect(promptsPosted(s, 'alice-notebook')).toBe(1);

      // Alice is back: Resume on the stopped prompt.
      await s.slack.clickButton({ user: ALICE, channel: dm, messageTs: prompt.ts, label: 'Resume' });
      await s.slack.waitFor(() => s.sim.world.pod(NOTEBOOK)?.desiredStatus === 'RUNNING', WAIT);
      expect(namesOf(mutationsOf(s, NOTEBOOK))).toEqual([STOP, RESUME]);
    });

    it('a spot pod RunPod reclaimed is reported to its owner, who bid-resumes it from the notice', async () => {
      const s = await start();
      const dm = s.slack.dmChannelOf(BOB);
      const { value: notice } = await pollUntil(
        s,
        () => s.slack.conversation(dm).find((m) => m.text.includes('sdxl-spot-sweep')),
        45,
      );
      expect(notice.text).toContain('stopped without anyone asking');
      expect(shown(notice)).toContain('spot interruption');
      expect(mutationsOf(s, SPOT)).toEqual([]);

      await s.slack.clickButton({ user: BOB, channel: dm, messageTs: notice.ts, label: 'Resume' });
      await s.slack.waitFor(() => s.sim.world.pod(SPOT)?.desiredStatus === 'RUNNING', WAIT);
      expect(namesOf(mutationsOf(s, SPOT))).toEqual(['podBidResume']);
      await s.slack.waitFor(() => currentMessage(s, dm, notice.ts)?.edited, WAIT);
    });
  });
});
