import { afterEach, describe, expect, it } from 'vitest';
import type { AddPodInput } from '../../../src/sandbox/runpod/sim-world.js';
import {
  ADA,
  ALICE,
  BOB,
  CHANNEL,
  type PodControlFixture,
  podId,
  startPodControl,
} from './pod-control-fixture.js';

const PODS: AddPodInput[] = [
  { id: 'llama0000001', name: 'llama-ft', gpuTypeId: 'NVIDIA A100 80GB PCIe', gpuCount: 1 },
  { id: 'old000000003', name: 'old-run', gpuTypeId: 'NVIDIA L40S', desiredStatus: 'EXITED' },
];

let fixture: PodControlFixture | null = null;

afterEach(async () => {
  expect(fixture?.slack.deliveryErrors ?? []).toEqual([]);
  expect(fixture?.slack.warnings ?? []).toEqual([]);
  await fixture?.close();
  fixture = null;
});

async function start(settings: Parameters<typeof startPodControl>[0] = {}): Promise<PodControlFixture> {
  fixture = await startPodControl({ pods: PODS, ...settings });
  await fixture.app.store.setOwner('llama0000001', ALICE, ADA, new Date());
  await fixture.app.store.setOwner('old000000003', ALICE, ADA, new Date());
  return fixture;
}

const waitFor = <T>(f: PodControlFixture, predicate: () => T | null | undefined | false) =>
  f.slack.waitFor(predicate, { timeoutMs: 15_000 });

describe('buttons on the list', () => {
  it('Stop on an ephemeral list shows the list again with the pod stopped, and tells the channel who stopped what', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'list mine' });
    const list = await waitFor(f, () => f.slack.ephemerals(ALICE).find((m) => m.text.includes('llama-ft')));

    await f.slack.clickButton({
      user: ALICE,
      channel: CHANNEL,
      ephemeralId: list.id,
      label: 'Stop',
      value: 'llama0000001',
    });
    // The same list, shown again: llama-ft's row now offers Resume instead of Stop.
    const rowOf = (blocks: unknown) =>
      (blocks as { block_id?: string; accessory?: { action_id?: string } }[] | undefined)?.find(
        (b) => b.block_id === 'list|mine|0|llama0000001',
      );
    const refreshed = await waitFor(f, () =>
      f.slack
        .ephemerals(ALICE)
        .find((m) => m.id === list.id && rowOf(m.blocks)?.accessory?.action_id === 'pod_resume'),
    );
    expect(JSON.stringify(refreshed.blocks)).toContain('stopped');
    await waitFor(f, () =>
      f.slack.conversation(CHANNEL).find((m) => m.text.includes('<@U02ALICE> stopped `llama-ft`')),
    );
    expect(f.runpod.mutations().map((m) => m.name)).toEqual(['podStop']);
  });

  it('a second Stop on the same pod does not stop it twice', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'stop llama-ft' });
    const announced = await waitFor(f, () =>
      f.slack.conversation(CHANNEL).find((m) => m.text.includes('stopped')),
    );
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'stop llama-ft' });
    await waitFor(f, () => f.slack.ephemerals(ALICE).find((m) => m.text.includes('already stopped')));
    expect(f.runpod.mutations().map((m) => m.name)).toEqual(['podStop']);
    expect(announced.text).toContain('llama-ft');
  });

  it('Resume beside a stopped pod resumes it', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'list stopped' });
    const list = await waitFor(f, () => f.slack.ephemerals(ALICE).find((m) => m.text.includes('old-run')));
    await f.slack.clickButton({ user: ALICE, channel: CHANNEL, ephemeralId: list.id, label: 'Resume' });
    await waitFor(f, () =>
      f.slack.conversation(CHANNEL).find((m) => m.text.includes('<@U02ALICE> resumed `old-run`')),
    );
    expect(f.runpod.world.pod('old000000003')?.desiredStatus).toBe('RUNNING');
  });
});

describe('the deploy modal', () => {
  it('opens at once, lists GPUs with price and stock, and makes the deployer the owner', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: BOB, channel: CHANNEL, text: 'deploy' });
    const form = await waitFor(f, () => {
      const top = f.slack.openViews(BOB).at(-1);
      return top && JSON.stringify(top.view.blocks).includes('deploy_gpu_type') ? top : null;
    });
    expect(JSON.stringify(form.view.blocks)).toMatch(/A100[^"]*\$\d+\.\d\d\/h[^"]*stock/);

    await f.slack.submitView({
      user: BOB,
      viewId: form.view.id,
      values: {
        deploy_name: 'bob-exp',
        deploy_gpu_type: 'NVIDIA RTX A6000',
        deploy_gpu_count: '1',
        deploy_image: 'runpod/pytorch:2.4.0',
        deploy_container_disk: '20',
        deploy_volume: '50',
        deploy_cloud: 'SECURE',
        deploy_pricing: 'on_demand',
      },
    });
    const announced = await waitFor(f, () =>
      f.slack.conversation(CHANNEL).find((m) => m.text.includes('<@U03BOB> deployed')),
    );
    expect(announced.text).toContain('bob-exp');
    const id = podId(f, 'bob-exp');
    expect(await f.app.store.getOwner(id)).toBe(BOB);
  });

  it('keeps the form open with an error for a bad disk size and deploys nothing', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: BOB, channel: CHANNEL, text: 'deploy' });
    const form = await waitFor(f, () => {
      const top = f.slack.openViews(BOB).at(-1);
      return top && JSON.stringify(top.view.blocks).includes('deploy_gpu_type') ? top : null;
    });
    const answer = await f.slack.submitView({
      user: BOB,
      viewId: form.view.id,
      values: {
        deploy_name: 'bob-exp',
        deploy_gpu_type: 'NVIDIA RTX A6000',
        deploy_gpu_count: '1',
        deploy_image: 'runpod/pytorch:2.4.0',
        deploy_container_disk: 'lots',
        deploy_volume: '50',
        deploy_cloud: 'SECURE',
        deploy_pricing: 'on_demand',
      },
    });
    expect(JSON.parse(answer.body)).toMatchObject({
      response_action: 'errors',
      errors: { deploy_container_disk: expect.stringContaining('whole number') },
    });
    expect(f.runpod.mutations()).toEqual([]);
  });
});

describe('health and metrics', () => {
  it('serves /healthz and Prometheus /metrics on the same port', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: 'help' });
    await waitFor(f, () => f.slack.ephemerals(ALICE).at(-1));
    const health = await fetch(`http://127.0.0.1:${f.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const metrics = await fetch(`http://127.0.0.1:${f.port}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('# TYPE podwarden_slack_commands_total counter');
    expect(text).toContain('podwarden_slack_commands_total{command="help"} 1');
  });
});
