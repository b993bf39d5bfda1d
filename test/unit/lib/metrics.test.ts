import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/lib/metrics.js';

describe('metrics', () => {
  it('renders counters, gauges and cumulative histograms in Prometheus text format', async () => {
    const metrics = createMetrics({ buckets: [0.1, 1], defaultMetrics: false });
    metrics.describe('jobs_total', 'counter', 'Jobs run', ['job']);
    metrics.increment('jobs_total', { job: 'poll' });
    metrics.increment('jobs_total', { job: 'poll' }, 2);
    metrics.set('pods_running', 3);
    metrics.observe('ack_seconds', 0.05, { kind: 'command' });
    metrics.observe('ack_seconds', 0.5, { kind: 'command' });
    const text = await metrics.render();
    expect(text).toContain('# HELP jobs_total Jobs run\n# TYPE jobs_total counter\njobs_total{job="poll"} 3');
    expect(text).toContain('# TYPE pods_running gauge\npods_running 3');
    expect(text).toContain('ack_seconds_bucket{le="0.1",kind="command"} 1');
    expect(text).toContain('ack_seconds_bucket{le="1",kind="command"} 2');
    expect(text).toContain('ack_seconds_bucket{le="+Inf",kind="command"} 2');
    expect(text).toContain('ack_seconds_sum{kind="command"} 0.55');
    expect(text).toContain('ack_seconds_count{kind="command"} 2');
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('shows a declared unlabelled counter at 0 before anything is recorded', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.describe('failures_total', 'counter', 'Failures', []);
    expect(await metrics.render()).toContain('failures_total 0');
  });

  it('escapes label values', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.increment('x_total', { name: 'a"b\\c\nd' });
    expect(await metrics.render()).toContain('x_total{name="a\\"b\\\\c\\nd"} 1');
  });

  it("carries prom-client's process and Node metrics, per registry", async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.increment('only_in_a_total');
    const text = await a.render();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    expect(text).toContain('process_resident_memory_bytes');
    expect(await b.render()).not.toContain('only_in_a_total');
  });

  it('forgets the series of a reset gauge', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.describe('pods', 'gauge', 'Pods', ['status']);
    metrics.set('pods', 2, { status: 'RUNNING' });
    metrics.reset('pods');
    metrics.set('pods', 1, { status: 'EXITED' });
    const text = await metrics.render();
    expect(text).toContain('pods{status="EXITED"} 1');
    expect(text).not.toContain('RUNNING');
  });
});
