/**
 * Spend end to end in the sandbox with its two weeks of demo history: `/pod digest now` posts the
 * digest into the channel and its chart through Slack's files upload v2 flow, and `/pod cost week`
 * answers the asker alone, in their timezone, with parts that add up to the total.
 */
import { describe, expect, it } from 'vitest';
import {
  ALICE,
  API_MODES,
  BOB,
  type E2eSandbox,
  ephemeralShowing,
  GPU_TEAM,
  messageShowing,
  mutationName,
  pollMinute,
  RITA,
  sandboxPerTest,
  shown,
  WAIT,
} from './support/e2e-sandbox.js';

// One poll, as the running app would have done by now: the digest knows what runs.

/** `$3,445.43` → 3445.43 */
const dollars = (text: string): number => Number(text.replace(/[$,]/g, ''));

/** The dollar amount after the first `: ` of each `• ` line under the heading. */
function bulletAmounts(text: string, heading: string): number[] {
  const at = text.indexOf(heading);
  if (at < 0) throw new Error(`no "${heading}" in ${text}`);
  const lines = text.slice(at).split('\n').slice(1);
  const end = lines.findIndex((line) => !line.startsWith('• '));
  return lines
    .slice(0, end === -1 ? undefined : end)
    .map((line) => dollars(line.match(/: (\$[\d,.]+)/)?.[1] ?? 'NaN'));
}

const sum = (values: readonly number[]): number => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

const uploadFlow = (s: E2eSandbox) =>
  s.slack.calls.filter((call) => call.method === 'chat.postMessage' || call.method.startsWith('files.'));

describe.each(API_MODES)('RUNPOD_API=%s', (api) => {
  const start = sandboxPerTest({ api }, pollMinute);
  const STOP = mutationName(api, 'stop');
  const RESUME = mutationName(api, 'resume');
  const TERMINATE = mutationName(api, 'terminate');
  void [STOP, RESUME, TERMINATE];

  describe('the daily digest and /pod cost in the sandbox', () => {
    it('/pod digest now posts the digest into the channel, then its chart: postMessage, upload URL, upload, complete', async () => {
      const s = await start();
      await s.slack.sendCommand({ user: ALICE, channel: GPU_TEAM, text: 'digest now' });

      const chart = await s.slack.waitFor(
        () => s.slack.conversation(GPU_TEAM).find((m) => m.files.some((f) => f.mimetype === 'image/png')),
        WAIT,
      );
      const digest = await messageShowing(s, GPU_TEAM, 'GPU digest for Sun 29 Nov');
      expect(Number(digest.ts)).toBeLessThan(Number(chart.ts));

      const calls = uploadFlow(s);
      expect(calls.map((c) => c.method)).toEqual([
        'chat.postMessage',
        'files.getUploadURLExternal',
        'files.completeUploadExternal',
      ]);
      const [post, , complete] = calls;
      expect(post?.params.channel).toBe(GPU_TEAM);
      // The bytes went to the upload URL before completeUploadExternal (which refuses a file without them).
      const [upload] = s.slack.uploads;
      expect(upload?.bytes?.subarray(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      expect(upload?.bytes?.byteLength).toBeGreaterThan(20_000);
      expect(upload?.channel).toBe(GPU_TEAM);
      expect(JSON.stringify(complete?.params)).toContain(upload?.id ?? 'no upload');
      expect(chart.files[0]?.altText).toContain('14 days');

      // What the team reads: yesterday, the month and its forecast, balance and runway, owners, pods.
      const text = digest.text;
      expect(text).toContain('*Yesterday:* $');
      expect(text).toMatch(/\*This month:\* \$[\d,.]+ so far · forecast \$[\d,.]+/);
      expect(text).toMatch(/\*Balance:\* \$1,2\d\d\.\d\d/);
      expect(text).toContain('runway');
      for (const who of ['<@U02ALICE>', '<@U03BOB>', '<@U01ADA>', '_unowned_']) expect(text).toContain(who);
      const yesterday = dollars(text.match(/\*Yesterday:\* (\$[\d,.]+)/)?.[1] ?? 'NaN');
      // Owners' pods plus the account's network volumes, which belong to no owner.
      const volumes = dollars(text.match(/network volumes (\$[\d,.]+)/)?.[1] ?? 'NaN');
      expect(volumes).toBeCloseTo(0.58, 2);
      expect(sum(bulletAmounts(text, '*By owner, yesterday*')) + volumes).toBeCloseTo(yesterday, 1);
      expect(text).toMatch(/Running now/);
      expect(text).toContain('llama3-70b-ft');
      expect(text).not.toContain('no samples');

      // An extra post on demand: the asker's ack is all they get privately; no error.
      expect(s.slack.ephemerals(ALICE).filter((m) => /fail|error|could not/i.test(m.text))).toEqual([]);
    });

    it('refuses digest now to a read-only user and posts nothing', async () => {
      const s = await start();
      await s.slack.sendCommand({ user: RITA, channel: GPU_TEAM, text: 'digest now' });
      const refusal = await ephemeralShowing(s, RITA, 'only team members');
      expect(refusal.text).toContain('digest');
      expect(uploadFlow(s)).toEqual([]);
      expect(s.slack.conversation(GPU_TEAM)).toEqual([]);
    });

    it('/pod cost week: the last 7 days in the asker’s zone, to them alone, owners and pods adding up to the total', async () => {
      const s = await start();
      await s.slack.sendCommand({ user: BOB, channel: GPU_TEAM, text: 'cost week' });
      const reply = await ephemeralShowing(s, BOB, 'GPU spend');
      const text = reply.text;

      // Bob's Slack profile says Europe/London; Monday 30 Nov minus 7 days starts on Tuesday 24 Nov.
      expect(text).toContain('*GPU spend, the last 7 days (since Tue 24 Nov)* (Europe/London)');
      const total = dollars(text.match(/\*Total:\* (\$[\d,.]+)/)?.[1] ?? 'NaN');
      expect(total).toBeGreaterThan(1_000);
      expect(text).toMatch(/idle \$[\d,.]+ \(\d+ %\)/);
      const volumes = dollars(
        text.match(/Network volumes \(as they are now\): .* (\$[\d,.]+) in this period/)?.[1] ?? 'NaN',
      );
      expect(volumes).toBeGreaterThan(0);
      const owners = bulletAmounts(text, '*By owner*');
      expect(owners).toHaveLength(4);
      expect(sum(owners) + volumes).toBeCloseTo(total, 1);
      const pods = bulletAmounts(text, '*By pod*');
      expect(pods).toHaveLength(9);
      expect(sum(pods) + volumes).toBeCloseTo(total, 1);
      expect(text).toContain('`alice-notebook` (<@U02ALICE>)');
      expect(text).toContain('`old-eval-box` (_unowned_)');
      expect(shown(reply)).toMatch(/Spending \$23\.07\/h now · balance \$1,2\d\d\.\d\d, runway/);

      expect(s.slack.ephemerals(ALICE)).toEqual([]);
      expect(s.slack.conversation(GPU_TEAM)).toEqual([]);
      expect(s.sim.mutations()).toEqual([]);
    });
  });
});
