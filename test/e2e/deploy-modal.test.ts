/**
 * `/pod deploy` as people really deploy, end to end in the sandbox over REST and GraphQL: from the
 * team's template, with exposed ports and environment variables that reference RunPod secrets, on a
 * network volume, as a CPU pod. Bad combinations and plain-text credentials keep the form open with
 * a message under the field, and nothing reaches RunPod.
 */
import { describe, expect, it } from 'vitest';
import type { SimPod } from '../../src/sandbox/runpod/sim-world.js';
import type { EnteredValue } from '../../src/sandbox/slack/view-state-values.js';
import { specProblems } from '../support/rest-v2-spec.js';
import {
  ALICE,
  API_MODES,
  type E2eSandbox,
  GPU_TEAM,
  messageShowing,
  pollMinute,
  sandboxPerTest,
  shown,
  WAIT,
} from './support/e2e-sandbox.js';

const TEAM_TEMPLATE = 'tpl9llamaft01';
const SHARED_VOLUME = 'nv7d2k9s4q1x';
const PLAIN_TOKEN = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz12';

/** `/pod deploy` in the channel; the form once it is filled in. */
async function openForm(s: E2eSandbox, channel = GPU_TEAM) {
  await s.slack.sendCommand({ user: ALICE, channel, text: 'deploy' });
  return s.slack.waitFor(() => {
    const top = s.slack.openViews(ALICE).at(-1);
    return top && JSON.stringify(top.view.blocks).includes('deploy_gpu_type') ? top : null;
  }, WAIT);
}

const defaults = { deploy_gpu_count: '1', deploy_cloud: 'SECURE', deploy_pricing: 'on_demand' };

async function submit(s: E2eSandbox, viewId: string, values: Record<string, EnteredValue>) {
  const answer = await s.slack.submitView({ user: ALICE, viewId, values: { ...defaults, ...values } });
  return answer.body.trim() === '' ? null : (JSON.parse(answer.body) as { errors?: Record<string, string> });
}

const podNamed = (s: E2eSandbox, name: string): SimPod | undefined =>
  s.sim.world.pods().find((p) => p.name === name);

const creates = (s: E2eSandbox) => s.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v2/pods');

describe.each(API_MODES)('/pod deploy over %s', (api) => {
  const start = sandboxPerTest({ api }, pollMinute);

  /** Every REST body validates against CreatePodRequest; in GraphQL mode none is sent. */
  const expectValidBodies = (s: E2eSandbox) => {
    for (const request of creates(s)) expect(specProblems('CreatePodRequest', request.body)).toEqual([]);
    if (api === 'graphql') expect(creates(s)).toEqual([]);
  };

  it("deploys from the team's template: its image, disks, ports and secret references", async () => {
    const s = await start();
    const form = await openForm(s);
    const blocks = JSON.stringify(form.view.blocks);
    expect(blocks).toContain('Your templates');
    expect(blocks).toContain('team llama fine-tune');
    expect(blocks).toContain('RunPod PyTorch 2.4.0');
    expect(blocks).not.toContain('serverless');
    expect(
      await submit(s, form.view.id, {
        deploy_name: 'llama-ft-3',
        deploy_gpu_type: 'NVIDIA H100 80GB HBM3',
        deploy_template: TEAM_TEMPLATE,
      }),
    ).toBeNull();
    const announced = await messageShowing(s, GPU_TEAM, 'deployed `llama-ft-3`');
    expect(shown(announced)).toContain('<@U02ALICE>');
    const pod = podNamed(s, 'llama-ft-3');
    expect(pod).toMatchObject({
      imageName: 'ghcr.io/ml-team/llama-ft:2026.11',
      containerDiskInGb: 80,
      volumeInGb: 200,
      ports: '8888/http,6006/http,22/tcp',
    });
    expect(pod?.env).toContain('HF_TOKEN={{ RUNPOD_SECRET_hf_token }}');
    expect(await s.app.store.getOwner(pod?.id ?? '')).toBe(ALICE);
    expectValidBodies(s);
    if (api === 'rest') expect(creates(s)[0]?.body).toMatchObject({ templateId: TEAM_TEMPLATE });
  });

  it('exposes the ports typed and sets variables that reference the secrets the form lists', async () => {
    const s = await start();
    const form = await openForm(s);
    expect(JSON.stringify(form.view.blocks)).toContain('Your secrets: hf_token, wandb_api_key');
    expect(
      await submit(s, form.view.id, {
        deploy_name: 'notebook-2',
        deploy_gpu_type: 'NVIDIA L40S',
        deploy_ports: '8888/http, 22/tcp, 7860/http',
        deploy_env: 'HF_TOKEN={{ RUNPOD_SECRET_hf_token }}\nMODE=train',
      }),
    ).toBeNull();
    await messageShowing(s, GPU_TEAM, 'deployed `notebook-2`');
    expect(podNamed(s, 'notebook-2')).toMatchObject({
      ports: '8888/http,22/tcp,7860/http',
      env: ['HF_TOKEN={{ RUNPOD_SECRET_hf_token }}', 'MODE=train'],
      imageName: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
    });
    expectValidBodies(s);
  });

  it('warns once about a credential typed in plain text, never echoing it; unchanged, it deploys', async () => {
    const s = await start();
    const form = await openForm(s);
    const values = {
      deploy_name: 'quick-test',
      deploy_gpu_type: 'NVIDIA L40S',
      deploy_env: `HF_TOKEN=${PLAIN_TOKEN}`,
    };
    const warned = await submit(s, form.view.id, values);
    expect(warned?.errors?.deploy_env).toContain('HF_TOKEN looks like a credential typed in plain text');
    expect(JSON.stringify(warned)).not.toContain(PLAIN_TOKEN);
    expect(s.sim.mutations()).toEqual([]);

    expect(await submit(s, form.view.id, values)).toBeNull();
    const announced = await messageShowing(s, GPU_TEAM, 'deployed `quick-test`');
    expect(shown(announced)).not.toContain(PLAIN_TOKEN);
    expect(podNamed(s, 'quick-test')?.env).toEqual([`HF_TOKEN=${PLAIN_TOKEN}`]);
    expectValidBodies(s);
  });

  it('attaches a network volume: a GPU type outside its data center is refused in the form', async () => {
    const s = await start();
    const form = await openForm(s);
    expect(JSON.stringify(form.view.blocks)).toContain('shared-datasets · 250 GB · EU-RO-1');
    const refused = await submit(s, form.view.id, {
      deploy_name: 'on-volume',
      deploy_gpu_type: 'NVIDIA RTX A6000',
      deploy_network_volume: SHARED_VOLUME,
    });
    expect(refused?.errors?.deploy_gpu_type).toContain('RTX A6000 is not in EU-RO-1');
    expect(s.sim.mutations()).toEqual([]);

    expect(
      await submit(s, form.view.id, {
        deploy_name: 'on-volume',
        deploy_gpu_type: 'NVIDIA L40S',
        deploy_network_volume: SHARED_VOLUME,
      }),
    ).toBeNull();
    await messageShowing(s, GPU_TEAM, 'deployed `on-volume`');
    expect(podNamed(s, 'on-volume')).toMatchObject({
      networkVolumeId: SHARED_VOLUME,
      location: 'EU-RO-1',
      volumeInGb: 0,
    });
    expectValidBodies(s);
    if (api === 'rest') expect(creates(s)[0]?.body).toMatchObject({ dataCenterIds: ['EU-RO-1'] });
  });

  it('deploys a CPU pod with the vCPUs asked for', async () => {
    const s = await start();
    const form = await openForm(s);
    expect(
      await submit(s, form.view.id, {
        deploy_name: 'etl-2',
        deploy_gpu_type: 'cpu:cpu3c',
        deploy_vcpus: '8',
      }),
    ).toBeNull();
    const announced = await messageShowing(s, GPU_TEAM, 'deployed `etl-2`');
    expect(shown(announced)).toContain('with 8 vCPUs, no GPU');
    expect(podNamed(s, 'etl-2')).toMatchObject({
      gpuTypeId: null,
      gpuCount: 0,
      vcpuCount: 8,
      memoryInGb: 16,
    });
    expectValidBodies(s);
    if (api === 'rest') expect(creates(s)[0]?.body).toMatchObject({ cpu: { id: 'cpu3c', vcpuCount: 8 } });
  });

  it('bad ports, env lines, combinations and unknown secrets: errors under each field, nothing sent', async () => {
    const s = await start();
    const form = await openForm(s);
    const shape = await submit(s, form.view.id, {
      deploy_name: 'bad',
      deploy_gpu_type: 'NVIDIA L40S',
      deploy_ports: '8888/http, 99999/tcp',
      deploy_env: 'MODE train',
    });
    expect(shape?.errors).toEqual({
      deploy_ports: 'A port is between 1 and 65535 (not 99999).',
      deploy_env: 'Line 1: write KEY=value.',
    });
    const combination = await submit(s, form.view.id, {
      deploy_name: 'bad',
      deploy_gpu_type: 'cpu:cpu3c',
      deploy_pricing: 'spot',
      deploy_cloud: 'COMMUNITY',
      deploy_env: 'W={{ RUNPOD_SECRET_wandb }}',
    });
    expect(combination?.errors).toEqual({
      deploy_pricing: 'CPU pods run on demand only.',
      deploy_cloud: 'CPU pods run in Secure cloud only.',
      deploy_env: 'RunPod has no secret named wandb. Yours: hf_token, wandb_api_key.',
    });
    expect(s.sim.mutations()).toEqual([]);
    expect(creates(s)).toEqual([]);
  });
});

describe('a deploy refused after the form closed, in a channel the app is not in', () => {
  const PUBLIC = 'C05PUBLIC';
  const start = sandboxPerTest({}, async (s) => {
    s.slack.addChannel({ id: PUBLIC, name: 'ml-random', botMember: false });
    await pollMinute(s);
  });

  it('reaches the user through the command’s response_url, not chat.postEphemeral', async () => {
    const s = await start();
    const form = await openForm(s, PUBLIC);
    const before = s.slack.ephemerals(ALICE).length;
    s.sim.faults.failNext('unauthorized_mutation');
    expect(await submit(s, form.view.id, { deploy_name: 'nope', deploy_gpu_type: 'NVIDIA L40S' })).toBeNull();
    const refusal = await s.slack.waitFor(() => s.slack.ephemerals(ALICE)[before], WAIT);
    expect(refusal.channel).toBe(PUBLIC);
    expect(refusal.text).toContain('RunPod refused');
    expect(s.slack.callsTo('chat.postEphemeral')).toEqual([]);
    expect(podNamed(s, 'nope')).toBeUndefined();
  });
});

describe('a deploy or terminate in a private channel the app is not in', () => {
  const PRIVATE = 'G05PRIVATE';
  const start = sandboxPerTest({}, async (s) => {
    s.slack.addChannel({ id: PRIVATE, name: 'ml-core', isPrivate: true, botMember: false });
    await pollMinute(s);
  });

  it('is announced to the channel through the command’s response_url', async () => {
    const s = await start();
    const form = await openForm(s, PRIVATE);
    expect(
      await submit(s, form.view.id, { deploy_name: 'quiet-one', deploy_gpu_type: 'NVIDIA L40S' }),
    ).toBeNull();
    const announced = await messageShowing(s, PRIVATE, 'deployed `quiet-one`');
    expect(announced.threadTs).toBeNull();
    expect(podNamed(s, 'quiet-one')).toBeDefined();
    expect(s.slack.botIsMember(PRIVATE)).toBe(false);
  });
});
