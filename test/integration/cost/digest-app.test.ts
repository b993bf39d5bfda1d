import { afterEach, describe, expect, it } from 'vitest';
import { createDigestScheduler } from '../../../src/jobs/digest-scheduler.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { series } from '../../fixtures/cost-samples.js';
import { type Harness, startHarness } from '../../support/harness.js';

let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

const CHANNEL = 'C01GPU';

/** Yesterday (Sun 29 Nov) Bob's pod ran 08:00-12:00 UTC at $2/h: $8.00 in Berlin and in New York alike. */
async function withYesterdaySpend(h: Harness): Promise<void> {
  await h.app.store.insertSamples(
    series({
      podId: 'pod-nightly',
      podName: 'nightly-train',
      ownerId: 'U03BOB',
      costPerHr: 2,
      from: '2026-11-29T08:00:00Z',
      to: '2026-11-29T12:00:00Z',
    }),
  );
}

const slackMethods = (h: Harness) =>
  h.slack.calls.map((call) => call.method).filter((m) => m === 'chat.postMessage' || m.startsWith('files.'));

describe('/pod digest through the whole app', () => {
  it('digest now posts the digest into the channel right away, then its chart through the upload v2 flow', async () => {
    harness = await startHarness();
    const h = harness;
    await withYesterdaySpend(h);

    const delivery = await h.slack.sendCommand({ user: 'U02ALICE', channel: CHANNEL, text: 'digest now' });
    expect(delivery.status).toBe(200);

    const chart = await h.slack.waitFor(
      () => h.slack.conversation(CHANNEL).find((m) => m.files.some((f) => f.mimetype === 'image/png')),
      { timeoutMs: 20_000 },
    );
    const digest = h.slack.conversation(CHANNEL).find((m) => m.text.includes('GPU digest for Sun 29 Nov'));
    // $8.00 of pods plus the demo account's 250 GB network volume ($0.58 a day).
    expect(digest?.text).toContain('*Yesterday:* $8.58');
    expect(digest?.text).toContain('*Network volumes (as they are now):* 1 volume, 250 GB, $0.58 a day');
    expect(digest?.text).toContain('• <@U03BOB>: $8.00 · 4 h GPU');
    expect(Number(digest?.ts)).toBeLessThan(Number(chart.ts));
    expect(chart.files[0]?.name).toBe('podwarden-spend-2026-11-30.png');
    expect(slackMethods(h)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    expect(h.slack.uploads[0]?.bytes?.byteLength).toBeGreaterThan(30_000);
  });

  it('digest here subscribes the channel, and the scheduler posts at 09:00 Berlin the next morning, once', async () => {
    harness = await startHarness();
    const h = harness;
    await h.slack.sendCommand({ user: 'U03BOB', channel: CHANNEL, text: 'digest here 09:00 Europe/Berlin' });
    const announced = await h.slack.waitFor(() =>
      h.slack.conversation(CHANNEL).find((m) => m.text.includes('subscribed this channel')),
    );
    expect(announced.text).toContain(
      '<@U03BOB> subscribed this channel to the daily GPU cost digest at 09:00 Europe/Berlin',
    );
    expect(announced.text).toMatch(
      /The first one comes <!date\^\d+\^\{date_short_pretty\} \{time\}\|Tue 09:00 Europe\/Berlin> \(your time\)\./,
    );

    await withYesterdaySpend(h);
    const scheduler = createDigestScheduler({
      services: h.app.services,
      clock: h.clock,
      logger: silentLogger,
    });
    h.clock.set('2026-12-01T07:59:00Z');
    expect(await scheduler.tick()).toBe(0);
    h.clock.set('2026-12-01T08:00:00Z');
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    const restarted = createDigestScheduler({
      services: h.app.services,
      clock: h.clock,
      logger: silentLogger,
    });
    expect(await restarted.tick()).toBe(0);
    const digests = h.slack.conversation(CHANNEL).filter((m) => m.text.includes('GPU digest for Mon 30 Nov'));
    expect(digests).toHaveLength(1);
  });

  it('refuses a time that does not exist with an example, and read-only users', async () => {
    harness = await startHarness();
    const h = harness;
    await h.slack.sendCommand({ user: 'U02ALICE', channel: CHANNEL, text: 'digest here 25:00' });
    const refusal = await h.slack.waitFor(() => h.slack.ephemerals('U02ALICE').at(-1));
    expect(refusal.text).toContain('09:00');
    await h.slack.sendCommand({ user: 'U04RITA', channel: CHANNEL, text: 'digest here' });
    const readOnly = await h.slack.waitFor(() => h.slack.ephemerals('U04RITA').at(-1));
    expect(readOnly.text).toContain('only team members can manage digests');
    expect(await h.app.store.listSubscriptions()).toEqual([]);
  });
});

describe('/pod cost through the whole app', () => {
  it("answers the asker alone, with days cut at the asker's midnight", async () => {
    harness = await startHarness();
    const h = harness;
    await withYesterdaySpend(h);
    await h.slack.sendCommand({ user: 'U02ALICE', channel: CHANNEL, text: 'cost yesterday' });
    const reply = await h.slack.waitFor(() =>
      h.slack.ephemerals('U02ALICE').find((m) => m.text.includes('GPU spend')),
    );
    // Alice's Slack profile says America/New_York.
    expect(reply.text).toContain('*GPU spend, yesterday (Sun 29 Nov)* (America/New_York)');
    expect(reply.text).toContain('*Total:* $8.58 · GPU pods $8.00');
    expect(reply.text).toContain('Network volumes (as they are now): 1 volume, 250 GB, $0.58 in this period');
    expect(reply.text).toContain('• `nightly-train` (<@U03BOB>): $8.00 · 4 h GPU');
    expect(h.slack.conversation(CHANNEL).filter((m) => m.text.includes('GPU spend'))).toEqual([]);
  });
});
