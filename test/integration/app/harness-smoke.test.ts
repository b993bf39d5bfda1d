import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../support/harness.js';

let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('podwarden wired to the RunPod simulator and the Slack stand-in', () => {
  it('answers a signed /pod list with the pods of the RunPod account', async () => {
    harness = await startHarness();
    const h = harness;

    const delivery = await h.slack.sendCommand({ user: 'U02ALICE', channel: 'C01GPU', text: 'list' });

    expect(delivery.status).toBe(200);
    const reply = await h.slack.waitFor(() =>
      h.slack.ephemerals('U02ALICE').find((m) => JSON.stringify(m.blocks ?? []).includes('llama3-70b-ft')),
    );
    expect(JSON.stringify(reply.blocks)).toContain('vllm-inference');
    expect(h.sim.requests.some((r) => r.path === '/graphql')).toBe(true);
  });

  it('serves /healthz', async () => {
    harness = await startHarness();
    const url = harness.botUrl.replace('/slack/events', '/healthz');
    const response = await fetch(url);
    expect(response.status).toBe(200);
  });
});
