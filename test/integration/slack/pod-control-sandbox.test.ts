import { afterEach, describe, expect, it } from 'vitest';
import { demoOwners, demoPodIds } from '../../../src/sandbox/runpod/demo-world.js';
import { findButton } from '../../../src/sandbox/slack/find-button.js';
import { type Harness, startHarness } from '../../support/harness.js';

const CHANNEL = 'C01GPU';
const RITA = 'U04RITA';
const ADA = 'U01ADA';
let harness: Harness | null = null;

afterEach(async () => {
  expect(harness?.slack.deliveryErrors ?? []).toEqual([]);
  expect(harness?.slack.warnings ?? []).toEqual([]);
  await harness?.close();
  harness = null;
});

const waitFor = <T>(h: Harness, predicate: () => T | null | undefined | false) =>
  h.slack.waitFor(predicate, { timeoutMs: 15_000 });

describe('pod control in the sandbox composition', () => {
  it('lists the demo account, with a button per pod for an admin and none for a reader; shows one pod in detail', async () => {
    const h = await startHarness();
    harness = h;
    await h.slack.sendCommand({ user: RITA, channel: CHANNEL, text: 'list' });
    const list = await waitFor(h, () =>
      h.slack.ephemerals(RITA).find((m) => m.text.includes('llama3-70b-ft')),
    );
    for (const name of Object.keys(demoOwners)) expect(JSON.stringify(list.blocks)).toContain(name);
    expect(findButton(list.blocks, { label: 'Stop' })).toBeNull();
    expect(findButton(list.blocks, { label: 'Resume' })).toBeNull();
    await h.slack.sendCommand({ user: ADA, channel: CHANNEL, text: 'list' });
    const adas = await waitFor(h, () =>
      h.slack.ephemerals(ADA).find((m) => m.text.includes('llama3-70b-ft')),
    );
    expect(findButton(adas.blocks, { label: 'Stop', value: demoPodIds['llama3-70b-ft'] })).not.toBeNull();
    expect(findButton(adas.blocks, { label: 'Resume', value: demoPodIds['dataset-prep'] })).not.toBeNull();

    await h.slack.sendCommand({ user: RITA, channel: CHANNEL, text: 'status LLAMA3' });
    const status = await waitFor(h, () =>
      h.slack.ephemerals(RITA).find((m) => m.text.startsWith('llama3-70b-ft')),
    );
    expect(JSON.stringify(status.blocks)).toContain('GPU util, last 60 min');
  });

  it('stops and bid-resumes a spot pod for its owner, and the history tells the story', async () => {
    const h = await startHarness();
    harness = h;
    const bob = demoOwners['sdxl-spot-sweep'] ?? '';
    await h.slack.sendCommand({ user: bob, channel: CHANNEL, text: 'stop sdxl-spot sweep finished' });
    const stopped = await waitFor(h, () =>
      h.slack.conversation(CHANNEL).find((m) => m.text.includes('stopped')),
    );
    expect(stopped.text).toContain(`<@${bob}> stopped \`sdxl-spot-sweep\``);

    await h.slack.clickButton({ user: bob, channel: CHANNEL, messageTs: stopped.ts, label: 'Resume' });
    await waitFor(h, () =>
      h.slack.conversation(CHANNEL).find((m) => m.ts === stopped.ts && m.text.includes('Resumed by')),
    );
    expect(h.sim.mutations().map((m) => m.name)).toEqual(['podStop', 'podBidResume']);

    await h.slack.sendCommand({ user: RITA, channel: CHANNEL, text: 'history sdxl-spot' });
    const history = await waitFor(h, () =>
      h.slack.ephemerals(RITA).find((m) => m.text.startsWith('History')),
    );
    const text = JSON.stringify(history.blocks);
    expect(text.indexOf('resumed it')).toBeLessThan(text.indexOf('stopped it'));
    expect(text).toContain('sweep finished');
  });

  it('lets a read-only user look but not act', async () => {
    const h = await startHarness();
    harness = h;
    await h.slack.sendCommand({ user: RITA, channel: CHANNEL, text: 'stop llama3-70b-ft' });
    const reply = await waitFor(h, () =>
      h.slack.ephemerals(RITA).find((m) => m.text.includes('only team members')),
    );
    expect(reply.text).toContain('You can look');
    expect(h.sim.mutations()).toEqual([]);
  });
});
