/**
 * Signed but hostile requests: whatever shape a correctly signed body has, the process answers it
 * and keeps serving; a timestamp more than five minutes from now, in either direction, is 401.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AddPodInput } from '../../../src/sandbox/runpod/sim-world.js';
import { ADA, CHANNEL, type PodControlFixture, podId, RITA, startPodControl } from './pod-control-fixture.js';

const PODS: AddPodInput[] = [
  { id: 'llama0000001', name: 'llama-ft', gpuTypeId: 'NVIDIA A100 80GB PCIe', gpuCount: 1 },
];
const FORM = 'application/x-www-form-urlencoded';

let fixture: PodControlFixture | null = null;

afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

function commandBody(user: string, text: string): string {
  return new URLSearchParams({
    team_id: 'T0TEAM',
    channel_id: CHANNEL,
    user_id: user,
    command: '/pod',
    text,
    api_app_id: 'A0PODWARDEN',
    response_url: 'http://127.0.0.1:9/response/none',
    trigger_id: '1.2.abc',
  }).toString();
}

/** The process still answers a real command after the hostile one. */
async function stillServes(f: PodControlFixture): Promise<void> {
  const delivery = await f.slack.sendCommand({ user: RITA, channel: CHANNEL, text: 'list' });
  expect(delivery.status).toBe(200);
  await f.slack.waitFor(
    () => f.slack.ephemerals(RITA).find((m) => JSON.stringify(m.blocks).includes('llama-ft')),
    {
      timeoutMs: 15_000,
    },
  );
}

describe('hostile but signed requests', () => {
  it.each([
    ['payload=null', 'payload=null', FORM],
    ['payload=42', 'payload=42', FORM],
    ['payload="text"', `payload=${encodeURIComponent('"text"')}`, FORM],
    ['payload=[]', `payload=${encodeURIComponent('[]')}`, FORM],
    ['a JSON body null', 'null', 'application/json'],
    ['a JSON body []', '[]', 'application/json'],
    ['a JSON body 7', '7', 'application/json'],
  ])('answers %s with 400 and keeps serving', async (_, body, contentType) => {
    fixture = await startPodControl({ pods: PODS });
    const delivery = await fixture.slack.sendSigned(body, contentType);
    expect(delivery.status).toBe(400);
    await stillServes(fixture);
  });

  it.each([
    ['6 minutes in the future', 360],
    ['an hour in the future', 3600],
  ])('rejects a request signed %s with 401 and changes nothing', async (_, aheadSeconds) => {
    fixture = await startPodControl({ pods: PODS });
    const delivery = await fixture.slack.sendSigned(commandBody(ADA, 'stop llama-ft'), FORM, {
      timestamp: Math.floor(Date.now() / 1000) + aheadSeconds,
    });
    expect(delivery.status).toBe(401);
    const accepted = await fixture.slack.sendCommand({
      user: ADA,
      channel: CHANNEL,
      text: 'status llama-ft',
    });
    expect(accepted.status).toBe(200);
    await fixture.slack.waitFor(
      () => fixture?.slack.ephemerals(ADA).find((m) => m.text.includes('llama-ft')),
      {
        timeoutMs: 15_000,
      },
    );
    expect(fixture.runpod.mutations()).toEqual([]);
    expect(fixture.runpod.world.pod(podId(fixture, 'llama-ft'))?.desiredStatus).toBe('RUNNING');
  });

  it('accepts a request signed 4 minutes in the future (clock skew within Slack’s rule)', async () => {
    fixture = await startPodControl({ pods: PODS });
    const delivery = await fixture.slack.sendSigned(commandBody(RITA, 'list'), FORM, {
      timestamp: Math.floor(Date.now() / 1000) + 240,
    });
    expect(delivery.status).toBe(200);
  });
});
