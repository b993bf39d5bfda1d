/**
 * Pod control end to end, in the sandbox as `npm run sandbox` builds it: people type `/pod …` and
 * press buttons in the Slack stand-in, which signs every request as Slack does; we read what the
 * RunPod simulator received and what each person sees.
 */
import { describe, expect, it } from 'vitest';
import { demoPodIds } from '../../src/sandbox/runpod/demo-world.js';
import { findButton, listButtons } from '../../src/sandbox/slack/find-button.js';
import {
  ADA,
  ALICE,
  API_MODES,
  BOB,
  type E2eSandbox,
  ephemeralShowing,
  GPU_TEAM,
  messageShowing,
  mutationName,
  mutationsOf,
  namesOf,
  RITA,
  sandboxPerTest,
  shown,
  WAIT,
} from './support/e2e-sandbox.js';

const NOTEBOOK = demoPodIds['alice-notebook'];
const LLAMA = demoPodIds['llama3-70b-ft'];

/** Messages podwarden posted in the channel for everyone to see. */
const botPostsIn = (s: E2eSandbox, channel: string) =>
  s.slack.conversation(channel).filter((m) => m.botId !== null);

describe.each(API_MODES)('RUNPOD_API=%s', (api) => {
  const start = sandboxPerTest({ api });
  const STOP = mutationName(api, 'stop');
  const RESUME = mutationName(api, 'resume');
  const TERMINATE = mutationName(api, 'terminate');
  void [STOP, RESUME, TERMINATE];

  describe('pod control in the sandbox, driven like Slack', () => {
    it('/pod list shows every pod of the account to the asker alone, with buttons beside the pods they may act on', async () => {
      const s = await start();
      const delivery = await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'list' });
      expect(delivery.status).toBe(200);

      const list = await ephemeralShowing(s, ALICE, '9 pods');
      const text = shown(list);
      for (const name of Object.keys(demoPodIds)) expect(text).toContain(name);
      // Most expensive running pod first; the stopped one last.
      expect(list.text.indexOf('llama3-70b-ft')).toBeLessThan(list.text.indexOf('alice-notebook'));
      expect(list.text.indexOf('cpu-etl-worker')).toBeLessThan(list.text.indexOf('dataset-prep'));
      expect(text).toContain('$11.96/h');
      expect(text).toContain('<@U02ALICE>');
      const labels = listButtons(list.blocks).map((b) => `${String(b.element.value)}:${b.element.action_id}`);
      // Alice's own running pods carry Stop; the admin's stopped dataset-prep carries nothing for her.
      expect(labels).toEqual([`${LLAMA}:pod_stop`, `${NOTEBOOK}:pod_stop`]);

      expect(botPostsIn(s, GPU_TEAM)).toEqual([]);
      expect(s.slack.ephemerals(BOB)).toEqual([]);
      expect(s.sim.mutations()).toEqual([]);
      expect(s.sim.requests.filter((r) => r.operationType === 'query').map((r) => r.fields)).toContainEqual([
        'myself',
      ]);
    });

    it('the owner stops a pod: one podStop, the channel is told who did it and what it means, with Resume', async () => {
      const s = await start();
      await s.slack.sendCommand({
        user: ALICE,
        channel: GPU_TEAM,
        text: 'stop alice-notebook done for today',
      });

      const announced = await messageShowing(s, GPU_TEAM, '<@U02ALICE> stopped `alice-notebook`');
      expect(announced.text).toContain('done for today');
      expect(shown(announced)).toContain('container disk is wiped');
      expect(shown(announced)).toContain('kept and still billed');
      expect(findButton(announced.blocks, { label: 'Resume' })).not.toBeNull();
      expect(namesOf(s.sim.mutations())).toEqual([STOP]);
      expect(namesOf(mutationsOf(s, NOTEBOOK))).toEqual([STOP]);
      expect(s.sim.world.pod(NOTEBOOK)?.desiredStatus).toBe('EXITED');

      // Resume on the announcement brings it back: the stop stays visible, the resume is in its thread.
      await s.slack.clickButton({ user: ALICE, channel: GPU_TEAM, messageTs: announced.ts, label: 'Resume' });
      const resumed = await s.slack.waitFor(() => {
        const now = s.slack.conversation(GPU_TEAM).find((m) => m.ts === announced.ts);
        return now?.text.includes('Resumed by') ? now : null;
      }, WAIT);
      expect(resumed.text).toContain('<@U02ALICE> stopped `alice-notebook`');
      expect(resumed.text).toContain('done for today');
      const inThread = await s.slack.waitFor(
        () => s.slack.thread(GPU_TEAM, announced.ts).find((m) => m.text.includes('resumed')),
        WAIT,
      );
      expect(inThread.text).toContain('<@U02ALICE> resumed `alice-notebook`');
      expect(namesOf(mutationsOf(s, NOTEBOOK))).toEqual([STOP, RESUME]);
      expect(s.sim.world.pod(NOTEBOOK)?.desiredStatus).toBe('RUNNING');
    });

    it('Stop pressed on the list updates that list in place and tells the channel', async () => {
      const s = await start();
      await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'list mine' });
      const list = await ephemeralShowing(s, BOB, 'bob-rl-busy');
      const rows = s.slack.ephemerals(BOB).length;
      await s.slack.clickButton({
        user: BOB,
        channel: GPU_TEAM,
        ephemeralId: list.id,
        label: 'Stop',
        value: demoPodIds['bob-rl-busy'],
      });

      await messageShowing(s, GPU_TEAM, '<@U03BOB> stopped `bob-rl-busy`');
      const updated = await s.slack.waitFor(
        () => s.slack.ephemerals(BOB).find((m) => m.id === list.id && m.edited),
        WAIT,
      );
      expect(s.slack.ephemerals(BOB)).toHaveLength(rows);
      expect(
        findButton(updated.blocks, { label: 'Resume', value: demoPodIds['bob-rl-busy'] }),
      ).not.toBeNull();
      expect(s.sim.mutations().map((m) => [m.name, m.podId])).toEqual([[STOP, demoPodIds['bob-rl-busy']]]);
    });

    it('refuses a member stopping someone else’s pod, naming the owner; RunPod gets nothing', async () => {
      const s = await start();
      await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'stop llama3' });
      const refusal = await ephemeralShowing(s, BOB, 'belongs to');
      expect(refusal.text).toBe('`llama3-70b-ft` belongs to <@U02ALICE>; only they or an admin can stop it.');

      // Bob's own list offers him no Stop beside Alice's pod: a reply only he sees shows what he may do.
      await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'list' });
      const list = await ephemeralShowing(s, BOB, '9 pods');
      expect(listButtons(list.blocks).map((b) => b.element.value)).not.toContain(LLAMA);
      expect(listButtons(list.blocks).map((b) => b.element.value)).toContain(demoPodIds['vllm-inference']);

      expect(s.sim.mutations()).toEqual([]);
      expect(s.sim.world.pod(LLAMA)?.desiredStatus).toBe('RUNNING');
      expect(botPostsIn(s, GPU_TEAM)).toEqual([]);
    });

    it('lets Rita (read only) look, and refuses her stop in plain words', async () => {
      const s = await start();
      await s.slack.sendCommand({ user: RITA, channel: GPU_TEAM, text: 'stop alice-notebook' });
      const refusal = await ephemeralShowing(s, RITA, 'only team members');
      expect(refusal.text).toContain('You can look');
      expect(refusal.text).toContain('stop');

      // Her list carries no button at all: no Stop, no confirm dialog, then a refusal.
      await s.slack.sendCommand({ user: RITA, channel: GPU_TEAM, text: 'list' });
      const list = await ephemeralShowing(s, RITA, '9 pods');
      expect(listButtons(list.blocks)).toEqual([]);

      expect(s.sim.mutations()).toEqual([]);
      expect(s.sim.world.pod(NOTEBOOK)?.desiredStatus).toBe('RUNNING');
      expect(botPostsIn(s, GPU_TEAM)).toEqual([]);
    });

    it('terminates only when the pod’s name is typed: a wrong name keeps the modal open with an error', async () => {
      const s = await start();
      await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'terminate alice-note' });
      const modal = await s.slack.waitFor(() => {
        const top = s.slack.openViews(ALICE).at(-1);
        return top && top.view.submit?.text === 'Terminate' ? top : null;
      }, WAIT);
      expect(shown({ text: '', blocks: modal.view.blocks })).toContain('alice-notebook');

      const wrong = await s.slack.submitView({
        user: ALICE,
        viewId: modal.view.id,
        values: { confirm_name: 'alice-note' },
      });
      expect(JSON.parse(wrong.body)).toMatchObject({ response_action: 'errors' });
      const stillOpen = s.slack.openViews(ALICE).at(-1);
      expect(stillOpen?.view.id).toBe(modal.view.id);
      expect(Object.values(stillOpen?.errors ?? {}).join(' ')).toContain('alice-notebook');
      expect(s.sim.mutations()).toEqual([]);

      await s.slack.submitView({
        user: ALICE,
        viewId: modal.view.id,
        values: { confirm_name: 'alice-notebook' },
      });
      await messageShowing(s, GPU_TEAM, '<@U02ALICE> terminated `alice-notebook`');
      expect(s.sim.mutations().map((m) => [m.name, m.podId])).toEqual([[TERMINATE, NOTEBOOK]]);
      expect(s.sim.world.pod(NOTEBOOK)).toBeNull();
      expect(s.slack.openViews(ALICE)).toEqual([]);

      await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'list' });
      const list = await ephemeralShowing(s, ADA, '8 pods');
      expect(shown(list)).not.toContain('alice-notebook');
    });
  });
});
