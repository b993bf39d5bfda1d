import { afterEach, describe, expect, it } from 'vitest';
import { findButton } from '../../../src/sandbox/slack/find-button.js';
import {
  ADA,
  CHANNEL,
  type PodControlFixture,
  podId,
  startPodControl,
} from '../slack/pod-control-fixture.js';

/**
 * REST mode once RunPod's GraphQL API cannot be reached: pods, cost and the digest
 * work, balance and runway are left out with one plain line, spot actions say they are unavailable.
 */
let fixture: PodControlFixture | null = null;

afterEach(async () => {
  expect(fixture?.slack.deliveryErrors ?? []).toEqual([]);
  await fixture?.close();
  fixture = null;
});

/** GraphQL at a port nothing listens on: as unreachable as a retired endpoint (404 is in rest-gateway.test.ts). */
const start = async (): Promise<PodControlFixture> => {
  fixture = await startPodControl({
    api: 'rest',
    graphqlUrl: 'http://127.0.0.1:9/graphql',
    pods: [{ name: 'llama-ft', gpuTypeId: 'NVIDIA L40S', gpuCount: 1, volumeInGb: 50 }],
  });
  return fixture;
};

const ephemeral = (f: PodControlFixture, needle: string) =>
  f.slack.waitFor(() => f.slack.ephemerals(ADA).find((m) => JSON.stringify(m).includes(needle)), {
    timeoutMs: 15_000,
  });

describe('REST mode with GraphQL gone', () => {
  it('/pod list works; /pod cost leaves out the balance with one plain line', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ADA, channel: CHANNEL, text: 'list' });
    const list = await ephemeral(f, 'llama-ft');
    expect(findButton(list.blocks, { label: 'Stop', value: podId(f, 'llama-ft') })).not.toBeNull();

    await f.slack.sendCommand({ user: ADA, channel: CHANNEL, text: 'cost' });
    const cost = await ephemeral(f, 'balance and runway not shown');
    expect(JSON.stringify(cost)).toContain('GraphQL API, which is not answering');
    expect(JSON.stringify(cost)).not.toContain('balance $');
  });

  it('the digest posts without balance and runway and says why in one line', async () => {
    const f = await start();
    await f.slack.sendCommand({ user: ADA, channel: CHANNEL, text: 'digest now' });
    const digest = await f.slack.waitFor(
      () => f.slack.conversation(CHANNEL).find((m) => JSON.stringify(m).includes('Balance and runway')),
      { timeoutMs: 15_000 },
    );
    expect(JSON.stringify(digest)).toContain('not shown: RunPod reports them only over its GraphQL API');
  });
});
