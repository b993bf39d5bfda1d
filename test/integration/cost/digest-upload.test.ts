import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../../src/chart/chart-renderer.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { type SlackStandIn, startSlackStandIn } from '../../../src/sandbox/slack/start-slack-stand-in.js';
import { createDigestService } from '../../../src/services/digest-service.js';
import type { Store } from '../../../src/services/ports.js';
import { createSlackNotifier } from '../../../src/slack/notifier.js';
import { costDeps, tempDatabase } from '../../fixtures/cost-deps.js';
import {
  GOLDEN_NOW,
  GOLDEN_POLL_MS,
  GOLDEN_TZ,
  goldenSamples,
  goldenSavings,
} from '../../fixtures/golden-digest.js';

const BOT_TOKEN = 'xoxb-test-token';

let slack: SlackStandIn;
let db: Awaited<ReturnType<typeof tempDatabase>>;
let store: Store;

beforeEach(async () => {
  slack = await startSlackStandIn({ signingSecret: 'test-secret', botToken: BOT_TOKEN });
  db = await tempDatabase();
  store = await db.open();
});

afterEach(async () => {
  await slack.close();
  await db.cleanup();
});

describe('a digest through the Slack Web API', () => {
  it('posts with chat.postMessage, then uploads the chart: getUploadURLExternal, the upload, completeUploadExternal', async () => {
    await store.insertSamples(goldenSamples);
    for (const saving of goldenSavings) await store.recordSaving(saving);
    const deps = costDeps(store, GOLDEN_NOW, { pollIntervalMs: GOLDEN_POLL_MS, digestTz: GOLDEN_TZ });
    const client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
    });
    const channel = slack.channels[0]?.id ?? 'C01GPU';
    const digests = createDigestService({
      ...deps,
      notifier: createSlackNotifier(client, silentLogger, deps.clock),
      chart: createChartRenderer(),
    });

    const result = await digests.postNow(channel, 'U02ALICE');
    expect(result.ok && result.value.chart).toBe(true);

    const methods = slack.calls
      .map((call) => call.method)
      .filter((m) => m.startsWith('chat.') || m.startsWith('files.'));
    expect(methods).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    const [digest, chart] = slack.conversation(channel);
    expect(digest?.text).toContain('*Yesterday:* $24.00');
    expect(chart?.files.map((f) => [f.name, f.mimetype])).toEqual([
      ['podwarden-spend-2026-11-10.png', 'image/png'],
    ]);
    // The bytes arrived before completeUploadExternal shared them (the stand-in refuses otherwise).
    const upload = slack.uploads[0];
    expect(upload?.bytes?.byteLength).toBeGreaterThan(30_000);
    expect(upload?.title).toBe('GPU spend, Tue 27 Oct – Mon 9 Nov (Europe/Berlin)');
    expect(slack.warnings).toEqual([]);
  });
});
