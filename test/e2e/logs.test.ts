/**
 * `/pod logs` end to end in the sandbox, over GraphQL and REST (logs exist only in REST v2, so both
 * modes read `GET /v2/pods/{id}/logs?tail=N`, an event stream): the owner or an admin reads the
 * last lines in a code block with secrets masked; a long log arrives as a file in their DM; others
 * are refused; nothing reaches anyone else.
 */
import { describe, expect, it } from 'vitest';
import { demoPodIds } from '../../src/sandbox/runpod/demo-world.js';
import {
  ADA,
  ALICE,
  BOB,
  ephemeralShowing,
  GPU_TEAM,
  sandboxPerTest,
  shown,
  WAIT,
} from './support/e2e-sandbox.js';

const NOTEBOOK = demoPodIds['alice-notebook'];
const SPOT = demoPodIds['sdxl-spot-sweep'];

const logRequests = (s: Awaited<ReturnType<ReturnType<typeof sandboxPerTest>>>, podId: string) =>
  s.sim.requests.filter((r) => r.path === `/v2/pods/${podId}/logs`);

describe.each(['graphql', 'rest'] as const)('/pod logs with RUNPOD_API=%s', (api) => {
  const start = sandboxPerTest({ env: { RUNPOD_API: api } });

  it('shows the owner the last lines in a code block, secrets masked; the default is 50 lines', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'logs sdxl-spot-sweep 100' });
    const reply = await ephemeralShowing(s, BOB, "sdxl-spot-sweep`'s container log");
    const text = shown(reply);
    expect(text).toMatch(/The last 2\d lines of `sdxl-spot-sweep`'s container log/);
    expect(text).toContain('```Starting container from runpod/stable-diffusion:web-ui-10.2.1');
    expect(text).toContain('export WANDB_API_KEY=[masked]');
    expect(text).toContain('Logging in to Hugging Face with token [masked]');
    expect(text).toContain('2 secret-looking values were masked');
    expect(text).not.toContain('5f1e9c2b');
    expect(text).not.toContain('hf_QwEr');
    expect(logRequests(s, SPOT).map((r) => r.searchParams.tail)).toEqual(['100']);

    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'logs alice-notebook' });
    const notebook = await ephemeralShowing(s, ALICE, 'The last 50 lines');
    expect(shown(notebook)).toMatch(/step \d+ \| loss \d\.\d{4}/);
    expect(logRequests(s, NOTEBOOK).map((r) => r.searchParams.tail)).toEqual(['50']);
    expect(s.slack.conversation(GPU_TEAM)).toEqual([]);
    expect(s.sim.mutations()).toEqual([]);
  });

  it('sends a long log as a file to the asker’s DM, refuses non-owners, and bounds the count', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'logs alice-notebook 500' });
    await ephemeralShowing(s, ADA, 'too long for a message');
    const upload = await s.slack.waitFor(() => s.slack.uploads.find((u) => u.channel !== null), WAIT);
    expect(upload.channel).toBe(s.slack.dmChannelOf(ADA));
    const file = new TextDecoder().decode(upload.bytes ?? new Uint8Array());
    expect(file).toContain('export WANDB_API_KEY=[masked]');
    expect(file.split('\n').filter((l) => l.startsWith('step ')).length).toBeGreaterThan(100);
    expect(logRequests(s, NOTEBOOK).map((r) => r.searchParams.tail)).toEqual(['500']);

    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'logs alice-notebook' });
    const refused = await ephemeralShowing(s, BOB, 'belongs to');
    expect(refused.text).toContain('only they or an admin can read the logs of it');

    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'logs alice-notebook 501' });
    const bounded = await ephemeralShowing(s, ALICE, 'from 1 to 500');
    expect(bounded.text).toContain('/pod logs &lt;pod&gt; [lines]');
    expect(logRequests(s, NOTEBOOK)).toHaveLength(1);
  });
});
