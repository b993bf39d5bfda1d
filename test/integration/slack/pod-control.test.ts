import { afterEach, describe, expect, it } from 'vitest';
import type { AddPodInput } from '../../../src/sandbox/runpod/sim-world.js';
import { findButton } from '../../../src/sandbox/slack/find-button.js';
import {
  ADA,
  ALICE,
  BOB,
  CHANNEL,
  type PodControlFixture,
  podId,
  RITA,
  startPodControl,
} from './pod-control-fixture.js';

const PODS: AddPodInput[] = [
  { id: 'llama0000001', name: 'llama-ft', gpuTypeId: 'NVIDIA A100 80GB PCIe', gpuCount: 1, volumeInGb: 100 },
  { id: 'sdxl00000002', name: 'sdxl', gpuTypeId: 'NVIDIA RTX A6000', gpuCount: 1 },
];

let fixture: PodControlFixture | null = null;

afterEach(async () => {
  // Slack saw no failed or late answer, and nothing podwarden sent drew a warning.
  expect(fixture?.slack.deliveryErrors ?? []).toEqual([]);
  expect(fixture?.slack.warnings ?? []).toEqual([]);
  await fixture?.close();
  fixture = null;
});

async function start(options: Parameters<typeof startPodControl>[0] = {}): Promise<PodControlFixture> {
  fixture = await startPodControl({ pods: PODS, ...options });
  const at = new Date();
  await fixture.app.store.setOwner(podId(fixture, 'llama-ft'), ALICE, ADA, at);
  await fixture.app.store.setOwner(podId(fixture, 'sdxl'), BOB, ADA, at);
  return fixture;
}

const ephemeralTo = (f: PodControlFixture, user: string, needle: string) =>
  f.slack.waitFor(
    () => f.slack.ephemerals(user).find((m) => `${m.text}\n${JSON.stringify(m.blocks)}`.includes(needle)),
    {
      timeoutMs: 15_000,
    },
  );

const channelMessage = (f: PodControlFixture, needle: string) =>
  f.slack.waitFor(() => f.slack.conversation(CHANNEL).find((m) => m.text.includes(needle)), {
    timeoutMs: 15_000,
  });

const mutationsOf = (f: PodControlFixture) => f.runpod.mutations().map((m) => m.name);

function commandBody(user: string, text: string): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T0TEAM',
    team_domain: 'sandbox',
    channel_id: CHANNEL,
    channel_name: 'gpu-team',
    user_id: user,
    user_name: 'someone',
    command: '/pod',
    text,
    api_app_id: 'A0PODWARDEN',
    response_url: 'http://127.0.0.1:9/response/none',
    trigger_id: '1.2.abc',
  }).toString();
}

describe('the /pod command over signed HTTP', () => {
  it('answers a valid command: the ack comes at once, the list follows ephemerally', async () => {
    const f = await start();
    const delivery = await f.slack.sendCommand({ user: RITA, channel: CHANNEL, text: 'list' });
    expect(delivery.status).toBe(200);
    expect(delivery.timedOut).toBe(false);
    const reply = await ephemeralTo(f, RITA, 'llama-ft');
    expect(JSON.stringify(reply.blocks)).toContain('sdxl');
    expect(JSON.stringify(reply.blocks)).toContain('<@U02ALICE>');
    // Rita reads only: her list, which only she sees, carries no button she could not use.
    expect(findButton(reply.blocks, { label: 'Stop' })).toBeNull();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'list' });
    const alices = await ephemeralTo(f, ALICE, 'llama-ft');
    expect(findButton(alices.blocks, { label: 'Stop', value: podId(f, 'llama-ft') })).not.toBeNull();
    expect(findButton(alices.blocks, { label: 'Stop', value: podId(f, 'sdxl') })).toBeNull();
  });

  it('/pod alone shows a short card of five commands; More puts the whole help in its place', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: '' });
    const card = await ephemeralTo(f, ALICE, 'More commands');
    for (const command of ['/pod list', '/pod status', '/pod stop', '/pod resume', '/pod cost']) {
      expect(JSON.stringify(card.blocks)).toContain(command);
    }
    expect(JSON.stringify(card.blocks)).not.toContain('/pod terminate');
    await f.slack.clickButton({
      user: ALICE,
      channel: CHANNEL,
      ephemeralId: card.id,
      label: 'More commands',
    });
    await f.slack.waitFor(() => {
      const now = f.slack.ephemerals(ALICE).find((m) => m.id === card.id);
      return now && JSON.stringify(now.blocks).includes('/pod terminate');
    });
    expect(f.slack.ephemerals(ALICE)).toHaveLength(1);
  });

  it('takes /POD LIST and /pod LIST like /pod list', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, command: '/POD', text: 'LIST' });
    await f.slack.sendCommand({ user: BOB, channel: CHANNEL, text: 'LIST' });
    for (const user of [ALICE, BOB]) {
      const reply = await ephemeralTo(f, user, 'sdxl');
      expect(JSON.stringify(reply.blocks)).toContain('2 pods');
    }
  });

  it.each([
    ['unsigned', { signature: '' }],
    ['wrongly signed', { signature: `v0=${'0'.repeat(64)}` }],
    ['6 minutes old', { timestamp: Math.floor(Date.now() / 1000) - 360 }],
  ])('rejects a %s request with 401 and changes nothing', async (_, overrides) => {
    const f = await start();
    const delivery = await f.slack.sendSigned(
      commandBody(ADA, 'stop llama-ft'),
      'application/x-www-form-urlencoded',
      overrides,
    );
    expect(delivery.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(f.runpod.mutations()).toEqual([]);
    expect(f.runpod.world.pod(podId(f, 'llama-ft'))?.desiredStatus).toBe('RUNNING');
    expect(f.slack.ephemerals(ADA)).toEqual([]);
  });

  it('refuses a member stopping another member’s pod, names the owner, and RunPod gets no mutation', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: BOB, channel: CHANNEL, text: 'stop llama-ft' });
    const reply = await ephemeralTo(f, BOB, 'belongs to');
    expect(reply.text).toBe('`llama-ft` belongs to <@U02ALICE>; only they or an admin can stop it.');
    expect(f.runpod.mutations()).toEqual([]);
    expect(f.slack.conversation(CHANNEL).filter((m) => m.botId)).toEqual([]);
  });

  it('lets an admin stop it, announces who did it; Resume keeps the stop visible and tells the resume in its thread', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ADA, channel: CHANNEL, text: 'stop llama done for today' });
    const announced = await channelMessage(f, '<@U01ADA> stopped `llama-ft`');
    expect(JSON.stringify(announced.blocks)).toContain('container disk is wiped');
    expect(mutationsOf(f)).toEqual(['podStop']);
    expect(f.runpod.world.pod(podId(f, 'llama-ft'))?.desiredStatus).toBe('EXITED');

    await f.slack.clickButton({ user: ALICE, channel: CHANNEL, messageTs: announced.ts, label: 'Resume' });
    const updated = await f.slack.waitFor(
      () => f.slack.conversation(CHANNEL).find((m) => m.ts === announced.ts && m.text.includes('Resumed by')),
      { timeoutMs: 15_000 },
    );
    // Who stopped it and why stays; a line says who resumed it; the buttons are gone.
    expect(updated.text).toContain('<@U01ADA> stopped `llama-ft`');
    expect(updated.text).toContain('“done for today”');
    expect(JSON.stringify(updated.blocks)).toContain('Resumed by <@U02ALICE> <!date^');
    expect(findButton(updated.blocks, { label: 'Resume' })).toBeNull();
    const reply = await f.slack.waitFor(
      () => f.slack.thread(CHANNEL, announced.ts).find((m) => m.ts !== announced.ts),
      {
        timeoutMs: 15_000,
      },
    );
    expect(reply.text).toContain('<@U02ALICE> resumed `llama-ft`');
    expect(mutationsOf(f)).toEqual(['podStop', 'podResume']);
    const history = await f.app.store.listAudit(podId(f, 'llama-ft'), 10);
    expect(history.map((e) => [e.actor, e.action, e.outcome])).toEqual([
      [ALICE, 'resume', 'ok'],
      [ADA, 'stop', 'ok'],
    ]);
  });

  it('refuses a forged Stop button for someone else’s pod', async () => {
    const f = await start();
    const payload = {
      type: 'block_actions',
      api_app_id: 'A0PODWARDEN',
      token: 'legacy',
      trigger_id: '1.2.forged',
      team: { id: 'T0TEAM', domain: 'sandbox' },
      user: { id: BOB, username: 'bob', name: 'bob', team_id: 'T0TEAM' },
      channel: { id: CHANNEL, name: 'gpu-team' },
      container: {
        type: 'message',
        message_ts: '1700000000.000100',
        channel_id: CHANNEL,
        is_ephemeral: true,
      },
      response_url: 'http://127.0.0.1:9/response/none',
      actions: [
        {
          type: 'button',
          action_id: 'pod_stop',
          block_id: 'forged',
          value: podId(f, 'llama-ft'),
          text: { type: 'plain_text', text: 'Stop' },
          action_ts: '1700000000.000200',
        },
      ],
    };
    const delivery = await f.slack.sendSigned(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
    expect(delivery.status).toBe(200);
    const reply = await ephemeralTo(f, BOB, 'belongs to');
    expect(reply.text).toContain('<@U02ALICE>');
    expect(f.runpod.mutations()).toEqual([]);
  });

  it('terminates only after the pod’s exact name is typed in the modal', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'terminate llama' });
    const modal = await f.slack.waitFor(() => f.slack.openViews(ALICE).at(-1), { timeoutMs: 15_000 });
    const view = await f.slack.waitFor(
      () => {
        const top = f.slack.openViews(ALICE).at(-1);
        return top && JSON.stringify(top.view.submit ?? '').includes('Terminate') ? top : null;
      },
      { timeoutMs: 15_000 },
    );
    expect(modal.view.id).toBe(view.view.id);

    const wrong = await f.slack.submitView({
      user: ALICE,
      viewId: view.view.id,
      values: { confirm_name: 'llama' },
    });
    expect(wrong.status).toBe(200);
    expect(JSON.parse(wrong.body)).toMatchObject({ response_action: 'errors' });
    expect(f.runpod.mutations()).toEqual([]);

    await f.slack.submitView({ user: ALICE, viewId: view.view.id, values: { confirm_name: 'llama-ft' } });
    await channelMessage(f, '<@U02ALICE> terminated `llama-ft`');
    expect(mutationsOf(f)).toEqual(['podTerminate']);
    expect(f.runpod.world.pod('llama0000001')).toBeNull();
  });

  it('a Stop pressed on a pod terminated since says it was terminated, by whom and when', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'list mine' });
    const list = await ephemeralTo(f, ALICE, 'llama-ft');
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'terminate llama-ft' });
    const view = await f.slack.waitFor(
      () => {
        const top = f.slack.openViews(ALICE).at(-1);
        return top && JSON.stringify(top.view.submit ?? '').includes('Terminate') ? top : null;
      },
      { timeoutMs: 15_000 },
    );
    await f.slack.submitView({ user: ALICE, viewId: view.view.id, values: { confirm_name: 'llama-ft' } });
    await channelMessage(f, '<@U02ALICE> terminated `llama-ft`');

    await f.slack.clickButton({ user: ALICE, channel: CHANNEL, ephemeralId: list.id, label: 'Stop' });
    const notice = await ephemeralTo(f, ALICE, 'was terminated by');
    expect(notice.text).toMatch(
      /^`llama-ft` \(`llama0000001`\) was terminated by <@U02ALICE> <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>; it no longer exists\./,
    );
    expect(notice.text).not.toContain('No pod matches');
    expect(mutationsOf(f)).toEqual(['podTerminate']);
  });

  it('does not open the terminate modal for someone else’s pod', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: BOB, channel: CHANNEL, text: 'terminate llama-ft' });
    await ephemeralTo(f, BOB, 'only they or an admin can terminate it');
    expect(
      f.slack.openViews(BOB).filter((v) => JSON.stringify(v.view.submit ?? '').includes('Terminate')),
    ).toEqual([]);
    expect(f.runpod.mutations()).toEqual([]);
  });
});

describe('RunPod misbehaving', () => {
  it('reports a rejected API key (401) in plain words', async () => {
    const f = await start({ runpodKey: 'wrong-key' });
    const delivery = await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'stop llama-ft' });
    expect(delivery.timedOut).toBe(false);
    const reply = await ephemeralTo(f, ALICE, 'HTTP 401');
    expect(reply.text).toContain('RunPod rejected the API key (HTTP 401)');
    expect(f.runpod.mutations()).toEqual([]);
  });

  it('rides out a 429 and then succeeds', async () => {
    const f = await start();
    f.runpod.faults.failNext('rate_limit', 1, { retryAfterSeconds: 1 });
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'stop llama-ft' });
    await channelMessage(f, '<@U02ALICE> stopped `llama-ft`');
    expect(mutationsOf(f)).toEqual(['podStop']);
  });

  it.each([
    ['500 three times', 'server_error'],
    ['an HTML error page', 'html'],
  ] as const)('says RunPod is not answering after %s', async (_, kind) => {
    const f = await start();
    f.runpod.faults.failNext(kind, 3);
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'list' });
    const reply = await ephemeralTo(f, ALICE, 'RunPod is not answering properly');
    expect(reply.text).not.toMatch(/\[object|Error:|at /);
  });

  it('opens a "Loading…" terminate modal in time when RunPod is slow, then fills it in', async () => {
    const f = await start();
    f.runpod.faults.latencyMs = 2_500;
    const delivery = await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'terminate llama-ft' });
    expect(delivery.timedOut).toBe(false);
    const loading = await f.slack.waitFor(() => f.slack.openViews(ALICE).at(-1), { timeoutMs: 15_000 });
    expect(JSON.stringify(loading.view.blocks)).toContain('Looking up');
    const form = await f.slack.waitFor(
      () => {
        const top = f.slack.openViews(ALICE).at(-1);
        return top && JSON.stringify(top.view.submit ?? '').includes('Terminate') ? top : null;
      },
      { timeoutMs: 15_000 },
    );
    expect(form.view.id).toBe(loading.view.id);
    f.runpod.faults.latencyMs = 0;
    await f.slack.submitView({ user: ALICE, viewId: form.view.id, values: { confirm_name: 'llama-ft' } });
    await channelMessage(f, '<@U02ALICE> terminated `llama-ft`');
    expect(mutationsOf(f)).toEqual(['podTerminate']);
  }, 40_000);

  it('acks first even when RunPod takes 2.5 s, then answers', async () => {
    const f = await start();
    f.runpod.faults.latencyMs = 2_500;
    const delivery = await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'stop llama-ft' });
    expect(delivery.status).toBe(200);
    expect(delivery.timedOut).toBe(false);
    expect(delivery.ms).toBeLessThan(2_500);
    expect(f.slack.deliveryErrors).toEqual([]);
    await channelMessage(f, '<@U02ALICE> stopped `llama-ft`');
    expect(mutationsOf(f)).toEqual(['podStop']);
  }, 40_000);
});
