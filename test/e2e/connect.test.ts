/**
 * `/pod connect` end to end in the sandbox, over GraphQL and REST: the asker alone reads the proxy
 * URL of each HTTP port with its role, and the SSH commands RunPod reports (REST's `ssh` block has
 * the proxy one too); plain answers for a stopped pod and for a pod without public ports.
 */
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/lib/clock.js';
import { createDemoWorld, demoPodIds } from '../../src/sandbox/runpod/demo-world.js';
import { busyScript } from '../../src/sandbox/runpod/util-scripts.js';
import { ALICE, BOB, ephemeralShowing, GPU_TEAM, sandboxPerTest, shown } from './support/e2e-sandbox.js';

const NOTEBOOK = demoPodIds['alice-notebook'];
const VLLM = demoPodIds['vllm-inference'];

/** The demo account plus a batch job deployed without any exposed port. */
function worldWithBatchJob(clock: ManualClock) {
  const world = createDemoWorld(clock);
  world.addPod({
    id: 'b4tch0j0b00001',
    name: 'batch-job',
    gpuTypeId: 'NVIDIA RTX A6000',
    gpuCount: 1,
    ports: '',
    imageName: 'ghcr.io/team/batch:1.2',
    startedAt: new Date(clock.now().getTime() - 3_600_000),
    script: busyScript({ gpuCount: 1 }),
  });
  return world;
}

describe.each([
  ['graphql', false],
  ['rest', true],
] as const)('/pod connect over %s', (api, restSsh) => {
  const start = sandboxPerTest({ env: { RUNPOD_API: api }, world: worldWithBatchJob });

  it('gives the Jupyter proxy URL and the SSH commands, to the asker alone', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'connect alice-notebook' });
    const reply = await ephemeralShowing(s, ALICE, 'How to reach');
    const text = shown(reply);
    expect(text).toContain(`Jupyter (8888): https://${NOTEBOOK}-8888.proxy.runpod.net`);
    expect(text).toContain('ssh root@194.68.245.12 -p 22101 -i ~/.ssh/id_ed25519');
    if (restSsh)
      expect(text).toMatch(new RegExp(`ssh ${NOTEBOOK}-[a-z0-9]+@ssh\\.runpod\\.io -i ~/\\.ssh/id_ed25519`));
    else expect(text).not.toContain('ssh.runpod.io');
    expect(s.slack.conversation(GPU_TEAM)).toEqual([]);
    expect(s.slack.ephemerals(BOB)).toEqual([]);
    expect(s.sim.mutations()).toEqual([]);

    // Bob's inference server: its port 8000 named, by a unique prefix of the name.
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'connect vllm' });
    const vllm = await ephemeralShowing(s, BOB, 'How to reach');
    expect(shown(vllm)).toContain(`API server (vLLM, FastAPI) (8000): https://${VLLM}-8000.proxy.runpod.net`);
  });

  it('says plainly when the pod is stopped, or has no public ports and no SSH', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'connect dataset-prep' });
    const stopped = await ephemeralShowing(s, ALICE, 'is not running');
    expect(stopped.text).toContain('`dataset-prep` is not running (EXITED)');
    expect(stopped.text).toContain('/pod resume dataset-prep');

    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'connect batch-job' });
    const closed = await ephemeralShowing(s, ALICE, 'no public ports');
    expect(closed.text).toContain('`batch-job` is running but has no public ports');

    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'connect cpu-etl-worker' });
    const cpu = await ephemeralShowing(s, ALICE, 'How to reach `cpu-etl-worker`');
    expect(shown(cpu)).toContain('ssh root@194.68.245.12 -p 22100');
    expect(shown(cpu)).not.toContain('proxy.runpod.net');

    await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'connect' });
    const usage = await ephemeralShowing(s, ALICE, 'needs a pod');
    expect(usage.text).toContain('/pod connect &lt;pod&gt;');
  });
});
