import { afterEach, describe, expect, it } from 'vitest';
import type { AddPodInput } from '../../../src/sandbox/runpod/sim-world.js';
import {
  ADA,
  ALICE,
  BOB,
  CHANNEL,
  type PodControlFixture,
  RITA,
  startPodControl,
} from './pod-control-fixture.js';

const PODS: AddPodInput[] = [
  { id: 'llama0000001', name: 'llama-ft', gpuTypeId: 'NVIDIA A100 80GB PCIe' },
  { id: 'orphan000002', name: 'orphan', gpuTypeId: 'NVIDIA L40S' },
];

let fixture: PodControlFixture | null = null;

afterEach(async () => {
  expect(fixture?.slack.warnings ?? []).toEqual([]);
  await fixture?.close();
  fixture = null;
});

async function openHome(f: PodControlFixture, user: string) {
  const event = {
    token: 'legacy',
    team_id: 'T0TEAM',
    api_app_id: 'A0PODWARDEN',
    type: 'event_callback',
    event_id: `Ev${Date.now()}${user}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event: { type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: '1.000001' },
  };
  const delivery = await f.slack.sendSigned(JSON.stringify(event), 'application/json');
  expect(delivery.status).toBe(200);
}

const homeText = (f: PodControlFixture, user: string) => JSON.stringify(f.slack.homeView(user)?.blocks ?? []);

describe('App Home', () => {
  it('shows a member their pods with Stop, and a Stop there re-publishes the tab', async () => {
    const f = await startPodControl({ pods: PODS });
    fixture = f;
    await f.app.store.setOwner('llama0000001', ALICE, ADA, new Date());
    await openHome(f, ALICE);
    const home = await f.slack.waitFor(
      () => (homeText(f, ALICE).includes('Your pods') ? f.slack.homeView(ALICE) : null),
      {
        timeoutMs: 15_000,
      },
    );
    expect(homeText(f, ALICE)).toContain('llama-ft');
    expect(homeText(f, ALICE)).not.toContain('"Assign"');

    await f.slack.clickButton({ user: ALICE, viewId: home.id, label: 'Stop', value: 'llama0000001' });
    await f.slack.waitFor(() => homeText(f, ALICE).includes('stopped'), { timeoutMs: 15_000 });
    expect(f.runpod.mutations().map((m) => m.name)).toEqual(['podStop']);
  });

  it('lets an admin assign an unowned pod from the tab; the new owner is told', async () => {
    const f = await startPodControl({ pods: PODS });
    fixture = f;
    await f.app.store.setOwner('llama0000001', ALICE, ADA, new Date());
    await openHome(f, ADA);
    const home = await f.slack.waitFor(
      () => (homeText(f, ADA).includes('Assign') ? f.slack.homeView(ADA) : null),
      {
        timeoutMs: 15_000,
      },
    );
    await f.slack.clickButton({ user: ADA, viewId: home.id, label: 'Assign', value: 'orphan000002' });
    const modal = await f.slack.waitFor(() => f.slack.openViews(ADA).at(-1), { timeoutMs: 15_000 });
    await f.slack.submitView({ user: ADA, viewId: modal.view.id, values: { assign_user: BOB } });
    await f.slack.waitFor(
      () => f.slack.conversation(f.slack.dmChannelOf(BOB)).find((m) => m.text.includes('gave')),
      {
        timeoutMs: 15_000,
      },
    );
    expect(await f.app.store.getOwner('orphan000002')).toBe(BOB);
    await f.slack.waitFor(() => homeText(f, ADA).includes('Every pod has an owner'), { timeoutMs: 15_000 });
  });

  it('opens from the sidebar for every workspace member: the stand-in sends app_home_opened as Slack does', async () => {
    const f = await startPodControl({ pods: PODS });
    fixture = f;
    for (const user of [ADA, ALICE, BOB, RITA]) {
      const delivery = await f.slack.openHome({ user });
      expect(delivery.status).toBe(200);
      await f.slack.waitFor(() => homeText(f, user).includes('Your pods'), { timeoutMs: 15_000 });
    }
    expect(f.slack.callsTo('views.publish').map((call) => call.params.user_id)).toEqual([
      ADA,
      ALICE,
      BOB,
      RITA,
    ]);
  });
});

describe('mentions typed in a command, sent with should_escape', () => {
  it('/pod assign sdxl @alice, /pod list @bob and /pod cost week @alice reach the app as <@U…|name> and work', async () => {
    const f = await startPodControl({ pods: PODS });
    fixture = f;
    await f.app.store.setOwner('llama0000001', BOB, ADA, new Date());
    await f.slack.sendCommand({ user: ADA, channel: CHANNEL, text: 'assign orphan @alice' });
    await f.slack.waitFor(() => f.slack.conversation(CHANNEL).find((m) => m.text.includes('gave')), {
      timeoutMs: 15_000,
    });
    expect(await f.app.store.getOwner('orphan000002')).toBe(ALICE);

    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'list @bob' });
    const list = await f.slack.waitFor(
      () => f.slack.ephemerals(ALICE).find((m) => m.text.includes('llama-ft')),
      {
        timeoutMs: 15_000,
      },
    );
    expect(JSON.stringify(list.blocks)).toContain(`pods owned by <@${BOB}>`.replace('pods', 'pod'));
    expect(JSON.stringify(list.blocks)).not.toContain('orphan');

    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'cost week @alice' });
    await f.slack.waitFor(
      () => f.slack.ephemerals(ALICE).find((m) => m.text.includes(`GPU spend for <@${ALICE}>`)),
      { timeoutMs: 15_000 },
    );
    expect(f.slack.deliveryErrors).toEqual([]);
  });
});
