/**
 * The whole bill end to end: `/pod cost` and the digest add what RunPod billed for each serverless
 * endpoint, and name the endpoint whose always-on workers bill around the clock with an estimate
 * of their cost a day, read over REST v2 in both API modes and never changing an endpoint. When
 * REST cannot be reached, the reports say so in one line and everything else still reads.
 */
import { describe, expect, it } from 'vitest';
import {
  ADA,
  API_MODES,
  ephemeralShowing,
  GPU_TEAM,
  messageShowing,
  pollMinute,
  sandboxPerTest,
  shown,
} from './support/e2e-sandbox.js';

/** `$3,445.43` → 3445.43 */
const dollars = (text: string | undefined): number => Number((text ?? 'NaN').replace(/[$,]/g, ''));

// The demo's sdxl-turbo-api: two always-on RTX 4090 workers at $0.77/h, plus $6.50 a day of
// requests; whisper-transcribe scales to zero and bills $3.20 a day.
const SDXL_DAY = 2 * 0.77 * 24 + 6.5;
const WHISPER_DAY = 3.2;
const ALWAYS_ON =
  '`sdxl-turbo-api` $43.46 · 2 always-on workers ≈ $36.96 a day (estimate: 2 × 1 GPU × $0.77/h × 24 h)';

describe.each(API_MODES)('RUNPOD_API=%s', (api) => {
  const start = sandboxPerTest({ api }, pollMinute);

  it('/pod cost yesterday adds each endpoint’s billing, the always-on estimate, and pods and serverless together', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'cost yesterday' });
    const reply = await ephemeralShowing(s, ADA, 'Serverless endpoints');
    const text = reply.text;
    expect(text).toContain(
      `*Serverless endpoints* in this period: $${(SDXL_DAY + WHISPER_DAY).toFixed(2)} (RunPod billing)`,
    );
    expect(text).toContain(`• ${ALWAYS_ON}`);
    expect(text).toContain('• `whisper-transcribe` $3.20\n');
    expect(text).toContain('an estimate from the GPU price');
    const pods = dollars(text.match(/\*Total:\* (\$[\d,.]+)/)?.[1]);
    const together = dollars(text.match(/\*Pods and serverless together:\* (\$[\d,.]+)/)?.[1]);
    expect(together).toBeCloseTo(pods + SDXL_DAY + WHISPER_DAY, 1);

    // Read only: GETs on the published serverless routes, no mutation of anything.
    const serverlessCalls = s.sim.requests.filter((r) => r.path.includes('serverless'));
    expect(serverlessCalls.length).toBeGreaterThan(0);
    expect(serverlessCalls.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    expect(s.sim.mutations()).toEqual([]);
    expect(s.slack.conversation(GPU_TEAM)).toEqual([]);
  });

  it('a person’s cost leaves serverless out: endpoints have no owner', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'cost week @bob' });
    const reply = await ephemeralShowing(s, ADA, 'GPU spend for');
    expect(shown(reply)).toContain(`GPU spend for <@U03BOB>`);
    expect(shown(reply)).not.toContain('Serverless');
  });

  it('the digest names the always-on endpoint with its estimate and adds serverless to the day', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'digest now' });
    const digest = await messageShowing(s, GPU_TEAM, 'GPU digest for Sun 29 Nov');
    const text = digest.text;
    expect(text).toContain(
      `*Serverless endpoints, yesterday:* $${(SDXL_DAY + WHISPER_DAY).toFixed(2)} (RunPod billing)`,
    );
    expect(text).toContain(`• ${ALWAYS_ON}`);
    expect(text).toContain('Always-on workers bill around the clock, requests or not, like an idle pod');
    const yesterday = dollars(text.match(/\*Yesterday:\* (\$[\d,.]+)/)?.[1]);
    const together = dollars(text.match(/\*Pods and serverless together, yesterday:\* (\$[\d,.]+)/)?.[1]);
    expect(together).toBeCloseTo(yesterday + SDXL_DAY + WHISPER_DAY, 1);
    expect(s.sim.mutations()).toEqual([]);
  });
});

describe('RUNPOD_API=graphql with RunPod’s REST API out of reach', () => {
  const start = sandboxPerTest(
    { api: 'graphql', env: { RUNPOD_REST_URL: 'http://127.0.0.1:9/v2' } },
    pollMinute,
  );
  const LINE =
    "Serverless endpoints not included: RunPod's REST API, where podwarden reads them, is not answering.";

  it('/pod cost and the digest leave serverless out with one plain line; nothing else fails', async () => {
    const s = await start();
    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'cost yesterday' });
    const reply = await ephemeralShowing(s, ADA, 'GPU spend');
    expect(reply.text).toMatch(/\*Total:\* \$[\d,.]+/);
    expect(reply.text).toContain(LINE);
    expect(reply.text).not.toContain('Pods and serverless together');

    await s.slack.sendCommand({ user: ADA, channel: GPU_TEAM, text: 'digest now' });
    const digest = await messageShowing(s, GPU_TEAM, 'GPU digest for Sun 29 Nov');
    expect(digest.text).toContain(LINE);
    expect(digest.text).toMatch(/\*Yesterday:\* \$[\d,.]+/);
    expect(digest.text).toContain('*Running now:*');
  });
});
