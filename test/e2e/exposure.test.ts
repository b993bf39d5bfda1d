/**
 * The exposure check end to end in the sandbox, over both RunPod APIs: `/pod status` warns of a
 * notebook open to anyone with its proxy link and of credentials pasted into the environment, and
 * the Monday digest lists every such pod. Only variable names reach Slack, never their values.
 */
import { describe, expect, it } from 'vitest';
import {
  ADA,
  ALICE,
  API_MODES,
  ephemeralShowing,
  GPU_TEAM,
  messageShowing,
  pollMinute,
  sandboxPerTest,
  shown,
} from './support/e2e-sandbox.js';

/** The plain-text token in the demo notebook's environment: it must never reach Slack. */
const TOKEN = 'hf_demoDemoDemoDemoDemoDemo0000';

/** Everything Slack received: every Web API call's parameters, the channel, and each person's ephemerals. */
const everythingSent = (s: Awaited<ReturnType<ReturnType<typeof sandboxPerTest>>>): string =>
  JSON.stringify([
    s.slack.calls.map((c) => c.params),
    s.slack.conversation(GPU_TEAM),
    s.slack.ephemerals(ALICE),
    s.slack.ephemerals(ADA),
  ]);

describe.each(API_MODES)('RUNPOD_API=%s', (api) => {
  const start = sandboxPerTest({ api }, pollMinute);

  it('/pod status warns of a Jupyter without a password and a plain-text token, by name only', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'status alice-notebook' });
    const reply = await ephemeralShowing(s, ALICE, 'Exposure');
    expect(shown(reply)).toContain(
      '*Exposure:* Jupyter on public port 8888 has no password (set `JUPYTER_PASSWORD` or `JUPYTER_TOKEN`); plain-text credential in its environment: `HF_TOKEN` (use `{{ RUNPOD_SECRET_… }}` references)',
    );
    expect(shown(reply)).not.toContain('WANDB_PROJECT');

    // Secrets given as RunPod secret references: nothing to warn about.
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'status llama3-70b-ft' });
    const clean = await ephemeralShowing(s, ALICE, 'Pod llama3-70b-ft');
    expect(shown(clean)).not.toContain('Exposure');

    expect(everythingSent(s)).toContain('HF_TOKEN');
    expect(everythingSent(s)).not.toContain(TOKEN);
    expect(s.sim.mutations()).toEqual([]);
  });

  it('the Monday digest lists the exposed pods and leaves out the pod whose secrets are references', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'digest now' });
    const digest = await messageShowing(s, GPU_TEAM, 'Exposure check (weekly)');
    const section =
      digest.text.slice(digest.text.indexOf('*Exposure check (weekly):*')).split('\n\n')[0] ?? '';
    expect(section).toContain(
      '• `alice-notebook`: Jupyter on public port 8888 has no password (set `JUPYTER_PASSWORD` or `JUPYTER_TOKEN`); plain-text credential in its environment: `HF_TOKEN`',
    );
    expect(section).toContain('• `old-eval-box`: Jupyter on public port 8888 has no password');
    expect(section).not.toContain('llama3-70b-ft');
    expect(section).not.toContain('vllm-inference');
    expect(everythingSent(s)).not.toContain(TOKEN);
  });
});

describe('on other days', () => {
  const start = sandboxPerTest({ start: '2026-12-01T10:00:00Z' }, pollMinute);

  it('the digest has no exposure check (it is weekly, on Mondays)', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'digest now' });
    const digest = await messageShowing(s, GPU_TEAM, 'GPU digest for Mon 30 Nov');
    expect(digest.text).not.toContain('Exposure');
  });
});
