/**
 * /healthz, /readyz and /metrics of the real app (sandbox harness: RunPod simulator and Slack
 * stand-in over loopback HTTP, manual clock, polls driven by the test).
 */
import { createServer } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { pollOnce } from '../../../src/jobs/poller.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createMetrics } from '../../../src/lib/metrics.js';
import { demoOwners, demoPodIds } from '../../../src/sandbox/runpod/demo-world.js';
import { idleMessages } from '../../../src/slack/blocks/idle-messages.js';
import { createSlackClient } from '../../../src/slack/create-slack-app.js';
import { type Harness, startHarness } from '../../support/harness.js';

const MIN = 60_000;
const harnesses: Harness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function start(env: Record<string, string> = {}): Promise<Harness & { base: string }> {
  const h = await startHarness({ env: { POLL_INTERVAL: '60s', ...env } });
  harnesses.push(h);
  return { ...h, base: h.botUrl.replace('/slack/events', '') };
}

const poll = (h: Harness) =>
  pollOnce({
    services: h.app.services,
    messages: idleMessages,
    logger: silentLogger,
    metrics: h.app.metrics,
    readiness: h.app.readiness,
  });

async function readyz(h: { base: string }): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${h.base}/readyz`);
  return { status: response.status, body: await response.json() };
}

/** The value of one series in exposition text, by exact name and labels. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('/readyz', () => {
  it('is ready while young, unready after 3 poll intervals without a successful poll, ready again after one', async () => {
    const h = await start();
    expect(await readyz(h)).toEqual({ status: 200, body: { status: 'ready' } });

    h.clock.advance(3 * MIN);
    expect((await readyz(h)).status).toBe(200);
    h.clock.advance(1_000);
    expect(await readyz(h)).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        faults: [
          {
            check: 'runpod',
            message: 'no RunPod poll has succeeded since the start 3 min ago (limit 3 min)',
          },
        ],
      },
    });

    const report = await poll(h);
    expect(report.ok).toBe(true);
    expect((await readyz(h)).status).toBe(200);

    // RunPod fails every attempt of the next polls: the last success ages past the limit.
    h.sim.faults.failNext('server_error', 100);
    for (let i = 0; i < 4; i++) {
      h.clock.advance(MIN);
      expect((await poll(h)).ok).toBe(false);
    }
    expect(await readyz(h)).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        faults: [{ check: 'runpod', message: 'the last successful RunPod poll was 4 min ago (limit 3 min)' }],
      },
    });
    h.sim.faults.clear();
    expect((await poll(h)).ok).toBe(true);
    expect((await readyz(h)).status).toBe(200);
    // Liveness does not depend on any of it.
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });

  it('is unready, naming the store, when the database does not answer', async () => {
    const h = await start();
    await h.app.store.close();
    const { status, body } = await readyz(h);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'unavailable', faults: [{ check: 'store' }] });
    expect((body as { faults: { message: string }[] }).faults[0]?.message).toMatch(
      /^the database did not answer a query: /,
    );
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('exposes the pod gauges, spend counters, RunPod requests, build info and default metrics', async () => {
    const h = await start();
    await poll(h);
    h.clock.advance(MIN);
    await poll(h);
    const text = await (await fetch(`${h.base}/metrics`)).text();

    const running = h.sim.world.pods().filter((p) => p.desiredStatus === 'RUNNING');
    expect(running.length).toBeGreaterThan(0);
    expect(sample(text, 'podwarden_pods{status="RUNNING"}')).toBe(running.length);
    expect(sample(text, 'podwarden_pods{status="DEAD"}')).toBe(0);

    const notebook = demoPodIds['alice-notebook'];
    const llama = demoPodIds['llama3-70b-ft'];
    const alice = demoOwners['alice-notebook'];
    const price = (pod: string) =>
      sample(text, `podwarden_pod_price_dollars_per_hour{pod="${pod}",owner="${alice}"}`);
    const notebookPrice = price(notebook);
    const llamaPrice = price(llama);
    expect(notebookPrice).toBeGreaterThan(0);
    expect(llamaPrice).toBeGreaterThan(0);

    // One minute at each running pod's rate; the notebook sat idle the whole minute.
    const spend = sample(text, `podwarden_spend_dollars_total{owner="${alice}"}`) ?? 0;
    const idle = sample(text, `podwarden_idle_spend_dollars_total{owner="${alice}"}`) ?? 0;
    expect(spend).toBeCloseTo(((notebookPrice ?? 0) + (llamaPrice ?? 0)) / 60, 9);
    expect(idle).toBeGreaterThanOrEqual((notebookPrice ?? 0) / 60 - 1e-9);
    expect(idle).toBeLessThanOrEqual(spend);

    expect(
      sample(text, `podwarden_pod_gpu_utilization_ratio{pod="${notebook}",gpu="0"}`),
    ).toBeLessThanOrEqual(0.05);
    expect(
      sample(text, `podwarden_pod_gpu_utilization_ratio{pod="${llama}",gpu="3"}`),
    ).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^podwarden_runpod_requests_total\{operation="listPods",outcome="ok"\} [1-9]/m);
    expect(text).toContain('# TYPE podwarden_runpod_request_duration_seconds histogram');
    expect(text).toMatch(/^podwarden_build_info\{version="\d+\.\d+\.\d+",node="[\d.]+"\} 1$/m);
    expect(text).toContain('# TYPE process_resident_memory_bytes gauge');
    expect(text).toContain('podwarden_polls_total{outcome="ok"} 2');
  });

  it('counts failed RunPod operations by their error kind', async () => {
    const h = await start();
    h.sim.faults.failNext('server_error', 100);
    await poll(h);
    const text = await (await fetch(`${h.base}/metrics`)).text();
    expect(text).toMatch(/^podwarden_runpod_requests_total\{operation="listPods",outcome="[a-z_]+"\} 1$/m);
    expect(text).not.toContain('podwarden_runpod_requests_total{operation="listPods",outcome="ok"}');
  });

  it('counts failed Slack Web API calls by method and Slack error', async () => {
    const h = await start();
    const metrics = createMetrics({ defaultMetrics: false });
    const client = createSlackClient({
      botToken: h.config.slack.botToken,
      apiUrl: h.config.slack.apiUrl,
      logger: pino({ level: 'silent' }),
      metrics,
    });
    await expect(client.chat.postMessage({ channel: 'C0NOWHERE', text: 'hello' })).rejects.toThrow();
    await client.auth.test();
    const text = await metrics.render();
    expect(text).toContain(
      'podwarden_slack_api_errors_total{method="chat.postMessage",error="channel_not_found"} 1',
    );
    expect(text).not.toContain('method="auth.test"');
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const h = await start({ METRICS_TOKEN: 'scrape-me' });
    const without = await fetch(`${h.base}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${h.base}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${h.base}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('podwarden_build_info');
    // Health and readiness stay open for the orchestrator.
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.base}/readyz`)).status).toBe(200);
  });

  it('moves to METRICS_PORT, off the public port', async () => {
    const metricsPort = await freePort();
    const h = await start({ METRICS_PORT: String(metricsPort) });
    expect((await fetch(`${h.base}/metrics`)).status).toBe(404);
    const moved = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain('podwarden_build_info');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/slack/events`)).status).toBe(404);
  });
});
