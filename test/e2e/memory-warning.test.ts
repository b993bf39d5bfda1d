/**
 * Warn before OOM, end to end in the sandbox: five minutes into the demo the GPU memory of Bob's
 * `bob-rl-busy` fills up to 96–98 % and stays there. Ten minutes later Bob gets one direct message
 * with the last hour as sparklines; nothing is stopped, and the warning does not repeat while the
 * memory stays full. Once the memory is back down (Bob restarts the run), a new episode may warn again.
 */
import { describe, expect, it } from 'vitest';
import { checkMemoryOnce } from '../../src/jobs/memory-warnings.js';
import { demoPodIds } from '../../src/sandbox/runpod/demo-world.js';
import { memoryMessages } from '../../src/slack/blocks/memory-warning.js';
import {
  BOB,
  type E2eSandbox,
  GPU_TEAM,
  MINUTE,
  mutationsOf,
  pollMinute,
  sandboxPerTest,
  shown,
  WAIT,
} from './support/e2e-sandbox.js';

const BUSY = demoPodIds['bob-rl-busy'];

/** A poll, then the memory pass, as the running app does every POLL_INTERVAL. */
async function tick(s: E2eSandbox): Promise<void> {
  await pollMinute(s);
  await checkMemoryOnce({ services: s.app.services, messages: memoryMessages });
}

const warningsAbout = (s: E2eSandbox, podName: string) =>
  s.slack
    .conversation(s.slack.dmChannelOf(BOB))
    .filter((m) => m.text.includes(podName) && m.text.includes('may soon run out of memory'));

async function runScenario(s: E2eSandbox): Promise<void> {
  const startedAt = s.clock.now().getTime();
  // GPU memory is full from minute 5: not yet ten minutes of it at minute 14.
  for (let i = 0; i < 14; i++) await tick(s);
  expect(warningsAbout(s, 'bob-rl-busy')).toEqual([]);
  for (let i = 0; i < 3 && warningsAbout(s, 'bob-rl-busy').length === 0; i++) await tick(s);
  const [warning] = warningsAbout(s, 'bob-rl-busy');
  expect(warning).toBeDefined();
  expect(s.clock.now().getTime() - startedAt).toBeLessThanOrEqual(17 * MINUTE);
  const text = shown(warning);
  expect(text).toMatch(
    /Your pod `bob-rl-busy` has had its GPU memory at or above 95 % for \*1\d min\* \(9\d %/,
  );
  expect(text).toMatch(/\*GPU memory\* \(last hour, fullest GPU\): `[▁▂▃▄▅▆▇█]{15,}` now 9\d %/);
  expect(text).toContain('*Container memory*');
  expect(text).toContain('podwarden stops nothing');

  // Thirty more minutes of full memory: no second warning, and nothing stopped.
  for (let i = 0; i < 30; i++) await tick(s);
  expect(warningsAbout(s, 'bob-rl-busy')).toHaveLength(1);
  expect(mutationsOf(s, BUSY)).toEqual([]);
  // Nobody else heard about it.
  expect(s.slack.conversation(GPU_TEAM).filter((m) => m.text.includes('out of memory'))).toEqual([]);
}

describe('memory warnings in the sandbox', { timeout: 120_000 }, () => {
  const start = sandboxPerTest();
  it('over GraphQL: one DM to the owner after ten minutes of full GPU memory, nothing stopped', async () => {
    const s = await start();
    await runScenario(s);

    // Bob restarts the run: the memory comes down, the episode ends; nothing is warned meanwhile.
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'stop bob-rl-busy' });
    await s.slack.waitFor(() => s.sim.world.pod(BUSY)?.desiredStatus === 'EXITED', WAIT);
    await tick(s);
    await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'resume bob-rl-busy' });
    await s.slack.waitFor(() => s.sim.world.pod(BUSY)?.desiredStatus === 'RUNNING', WAIT);
    for (let i = 0; i < 15; i++) await tick(s);
    expect(warningsAbout(s, 'bob-rl-busy')).toHaveLength(1);
    expect(await s.app.store.getAlertState(`memory-warn:${BUSY}`)).toMatchObject({ active: false });
  });

  const startRest = sandboxPerTest({ env: { RUNPOD_API: 'rest' } });
  it('over REST: the same warning from REST v2 runtime.gpus[].memoryUtil', async () => {
    const s = await startRest();
    await runScenario(s);
  });
});
